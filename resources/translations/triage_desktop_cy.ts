<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>A11y</name>
    <message>
        <source>Scroll up or down</source>
        <translation>Sgrolio i fyny neu i lawr</translation>
    </message>
    <message>
        <source>Scroll left or right</source>
        <translation>Sgrolio i&apos;r chwith neu i&apos;r dde</translation>
    </message>
    <message>
        <source>Clear {what}</source>
        <translation>Clirio {what}</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clirio</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>Data folder</source>
        <extracomment>The folders the About box lists, in words</extracomment>
        <translation>Ffolder data</translation>
    </message>
    <message>
        <source>Config folder</source>
        <translation>Ffolder ffurfweddu</translation>
    </message>
    <message>
        <source>State folder</source>
        <translation>Ffolder cyflwr</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Ffolder logiau</translation>
    </message>
    <message>
        <source>Documents folder</source>
        <translation>Ffolder dogfennau</translation>
    </message>
    <message>
        <source>Flow: {title}</source>
        <translation>Llif: {title}</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cronfa ddata</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modd</translation>
    </message>
    <message>
        <source>TRAINING (mock calls)</source>
        <translation>HYFFORDDIANT (galwadau ffug)</translation>
    </message>
    <message>
        <source>(Help ▸ Flows shows each flow and its sign-off.)</source>
        <translation>(Mae Cymorth ▸ Llifoedd yn dangos pob llif a&apos;i gymeradwyaeth.)</translation>
    </message>
    <message>
        <source>Right Care, Right Person triage assistant for police control rooms.</source>
        <translation>Cynorthwyydd brysbennu Gofal Cywir, Person Cywir ar gyfer ystafelloedd rheoli&apos;r heddlu.</translation>
    </message>
    <message>
        <source>About triage-desktop</source>
        <translation>Ynghylch triage-desktop</translation>
    </message>
</context>
<context>
    <name>AddendumDialog</name>
    <message>
        <source>Add an addendum</source>
        <translation>Ychwanegu atodiad</translation>
    </message>
    <message>
        <source>A finished call cannot be changed. An addendum is added to its record with your id and the time.</source>
        <translation>Does dim modd newid galwad sydd wedi gorffen. Caiff atodiad ei ychwanegu at ei chofnod gyda&apos;ch rhif chi a&apos;r amser.</translation>
    </message>
    <message>
        <source>Addendum text</source>
        <translation>Testun yr atodiad</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>Atodiad</translation>
    </message>
    <message>
        <source>Reason for the addendum</source>
        <translation>Rheswm dros yr atodiad</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Rheswm</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Ychwanegu&apos;r atodiad</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <extracomment>Set to 1 to quit as soon as the main window has been painted (the cold-start benchmark).</extracomment>
        <translation>Aeth rhywbeth o&apos;i le</translation>
    </message>
    <message>
        <source>An unexpected error happened: {error}</source>
        <translation>Digwyddodd gwall annisgwyl: {error}</translation>
    </message>
    <message>
        <source>Every answer already given is saved.</source>
        <translation>Mae pob ateb sydd wedi&apos;i roi eisoes wedi&apos;i gadw.</translation>
    </message>
    <message>
        <source>Carry on. If it happens again, restart the app (the call will be offered for resumption) and tell IT support; details are in the log file.</source>
        <translation>Ewch ymlaen. Os bydd yn digwydd eto, ailgychwynnwch yr ap (bydd cynnig i ailddechrau&apos;r alwad) a rhowch wybod i&apos;r tîm cymorth TG; mae&apos;r manylion yn y ffeil log.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… a {n} arall</translation>
    </message>
    <message>
        <source>The force configuration pack cannot be used</source>
        <translation>Does dim modd defnyddio pecyn ffurfweddu&apos;r heddlu</translation>
    </message>
    <message>
        <source>The app will not start on the force configuration pack {file}:</source>
        <translation>Fydd yr ap ddim yn agor gyda phecyn ffurfweddu&apos;r heddlu {file}:</translation>
    </message>
    <message>
        <source>Nothing was opened or changed: every call already stored is as it was.</source>
        <translation>Does dim byd wedi&apos;i agor na&apos;i newid: mae pob galwad sydd wedi&apos;i chadw fel yr oedd hi.</translation>
    </message>
    <message>
        <source>Ask IT support to correct the pack (they can run &apos;triage-desktop config check FILE&apos; to see every problem), then start the app again.</source>
        <translation>Gofynnwch i&apos;r tîm cymorth TG gywiro&apos;r pecyn (gallan nhw redeg &apos;triage-desktop config check FILE&apos; i weld pob problem), yna agorwch yr ap eto.</translation>
    </message>
</context>
<context>
    <name>AssumptionsDialog</name>
    <message>
        <source>Officer-hours assumptions</source>
        <translation>Tybiaethau oriau swyddogion</translation>
    </message>
    <message>
        <source>Hours per avoided deployment, {pathway}</source>
        <translation>Oriau ar gyfer pob anfon sydd wedi&apos;i osgoi, {pathway}</translation>
    </message>
    <message>
        <source>Source of the hours figure, {pathway}</source>
        <translation>Ffynhonnell ffigur yr oriau, {pathway}</translation>
    </message>
</context>
<context>
    <name>CallActions</name>
    <message>
        <source>the remaining steps</source>
        <extracomment>What the app does (it records the decision; the handler dispatches on the command-and-control system)</extracomment>
        <translation>y camau sydd ar ôl</translation>
    </message>
    <message>
        <source>Finish the call now?</source>
        <translation>Gorffen yr alwad nawr?</translation>
    </message>
    <message>
        <source>The decision stays as recorded. “{step}” and the steps after it will be recorded as not asked (never as “no”).</source>
        <translation>Mae&apos;r penderfyniad yn aros fel y cafodd ei gofnodi. Caiff “{step}” a&apos;r camau ar ei ôl eu cofnodi fel heb eu gofyn (byth fel “na”).</translation>
    </message>
    <message>
        <source>Finish now</source>
        <translation>Gorffen nawr</translation>
    </message>
    <message>
        <source>Keep asking</source>
        <translation>Dal i ofyn</translation>
    </message>
    <message>
        <source>The flows of this call have no Welsh texts: the call stays in English.</source>
        <translation>Does dim testunau Cymraeg yn llifoedd yr alwad hon: mae&apos;r alwad yn aros yn Saesneg.</translation>
    </message>
    <message>
        <source>listing the questions not asked</source>
        <translation>rhestru&apos;r cwestiynau heb eu gofyn</translation>
    </message>
    <message>
        <source>building the incident-log block</source>
        <translation>creu bloc log y digwyddiad</translation>
    </message>
    <message>
        <source>Copied for the incident log: paste it into the command-and-control log.</source>
        <translation>Wedi&apos;i gopïo ar gyfer log y digwyddiad: gludwch e i log y system gorchymyn a rheoli.</translation>
    </message>
    <message>
        <source>starting the call</source>
        <translation>dechrau&apos;r alwad</translation>
    </message>
    <message>
        <source>reopening the call</source>
        <translation>ailagor yr alwad</translation>
    </message>
    <message>
        <source>Call finished and saved as final.</source>
        <translation>Mae&apos;r alwad wedi gorffen ac wedi&apos;i chadw&apos;n derfynol.</translation>
    </message>
    <message>
        <source>Last call finished at {time} (id {id}…). Find it with Ctrl+F.</source>
        <translation>Daeth yr alwad olaf i ben am {time} (rhif {id}…). Chwiliwch amdani gyda Ctrl+F.</translation>
    </message>
    <message>
        <source>✓ Saved {time}</source>
        <translation>✓ Wedi cadw {time}</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>opening the call</source>
        <extracomment>What each action was doing, as the error dialog says it (&quot;Something went wrong while saving the answer&quot;): the literals passed to _do()/_failed() below, listed for the translation (the log keeps the English).</extracomment>
        <translation>agor yr alwad</translation>
    </message>
    <message>
        <source>saving the answer</source>
        <translation>cadw&apos;r ateb</translation>
    </message>
    <message>
        <source>saving &apos;volunteered&apos;</source>
        <translation>cadw &apos;wedi&apos;i gynnig&apos;</translation>
    </message>
    <message>
        <source>going back</source>
        <translation>mynd yn ôl</translation>
    </message>
    <message>
        <source>going to that question</source>
        <translation>mynd i&apos;r cwestiwn hwnnw</translation>
    </message>
    <message>
        <source>going on</source>
        <translation>mynd ymlaen</translation>
    </message>
    <message>
        <source>recording immediate risk</source>
        <translation>cofnodi risg uniongyrchol</translation>
    </message>
    <message>
        <source>ending the call early</source>
        <translation>gorffen yr alwad yn gynnar</translation>
    </message>
    <message>
        <source>overriding the outcome</source>
        <translation>newid y canlyniad</translation>
    </message>
    <message>
        <source>saving the note</source>
        <translation>cadw&apos;r nodyn</translation>
    </message>
    <message>
        <source>handing over</source>
        <translation>trosglwyddo</translation>
    </message>
    <message>
        <source>finishing the steps</source>
        <translation>gorffen y camau</translation>
    </message>
    <message>
        <source>recording who is calling</source>
        <translation>cofnodi pwy sy&apos;n galw</translation>
    </message>
    <message>
        <source>saving the caller&apos;s details</source>
        <translation>cadw manylion y galwr</translation>
    </message>
    <message>
        <source>finishing the call</source>
        <translation>gorffen yr alwad</translation>
    </message>
    <message>
        <source>switching the call language</source>
        <translation>newid iaith yr alwad</translation>
    </message>
    <message>
        <source>saving the CAD incident number</source>
        <translation>cadw rhif digwyddiad CAD</translation>
    </message>
</context>
<context>
    <name>CallHeader</name>
    <message>
        <source>No call</source>
        <translation>Dim galwad</translation>
    </message>
    <message>
        <source>Where the call is</source>
        <translation>Ble mae&apos;r alwad arni</translation>
    </message>
    <message>
        <source>Handling the call</source>
        <translation>Yn trin yr alwad</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>Amser yr alwad</translation>
    </message>
    <message>
        <source>Time since the call started</source>
        <translation>Amser ers i&apos;r alwad ddechrau</translation>
    </message>
    <message>
        <source>▲ IMMEDIATE RISK  (F9)</source>
        <translation>▲ RISG UNIONGYRCHOL F9</translation>
    </message>
    <message>
        <source>Immediate risk: record a police emergency (F9)</source>
        <translation>Risg uniongyrchol: cofnodi argyfwng heddlu (F9)</translation>
    </message>
</context>
<context>
    <name>CallReportDialog</name>
    <message>
        <source>Call report {id}…</source>
        <translation>Adroddiad yr alwad {id}…</translation>
    </message>
    <message>
        <source>Read-only record. Corrections are added as addenda.</source>
        <translation>Cofnod darllen yn unig (yn Saesneg, fel cofnod y system gorchymyn a rheoli). Caiff cywiriadau eu hychwanegu fel atodiadau.</translation>
    </message>
    <message>
        <source>Call report</source>
        <translation>Adroddiad yr alwad</translation>
    </message>
    <message>
        <source>Add addendum…</source>
        <translation>Ychwanegu atodiad…</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Ychwanegu&apos;r atodiad</translation>
    </message>
    <message>
        <source>Copy for incident log</source>
        <translation>Copïo ar gyfer log y digwyddiad</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>This call&apos;s report could not be loaded: {error}</source>
        <translation>Doedd dim modd llwytho adroddiad yr alwad hon: {error}</translation>
    </message>
    <message>
        <source>adding the addendum</source>
        <translation>ychwanegu&apos;r atodiad</translation>
    </message>
    <message>
        <source>The call record is unchanged.</source>
        <translation>Dydy cofnod yr alwad ddim wedi newid.</translation>
    </message>
</context>
<context>
    <name>CallScreen</name>
    <message>
        <source>⚠ TRAINING: not a real call. A mock call on the training database; nothing is synced.</source>
        <extracomment>fold the side panel when the call screen is narrower than this many average characters of its font (measured, DejaVu Sans 11 pt: 8 px at 100 % text, 15 px at 200 %; so 1366×768 folds at 200 % (&lt; 1425 px), and at 100 % a window of 760 px or more keeps both columns)</extracomment>
        <translation>⚠ HYFFORDDIANT: nid galwad go iawn. Galwad ffug ar gronfa ddata hyfforddi; does dim byd yn cael ei gysoni.</translation>
    </message>
    <message>
        <source>Hand over… (Ctrl+H)</source>
        <translation>Trosglwyddo… (Ctrl+H)</translation>
    </message>
    <message>
        <source>Hand over the call</source>
        <translation>Trosglwyddo&apos;r alwad</translation>
    </message>
    <message>
        <source>End call early… (Ctrl+E)</source>
        <translation>Gorffen yn gynnar… (Ctrl+E)</translation>
    </message>
    <message>
        <source>End call early</source>
        <translation>Gorffen yr alwad yn gynnar</translation>
    </message>
    <message>
        <source>So far · flags · notes (F6)</source>
        <translation>Hyd yma · baneri · nodiadau (F6)</translation>
    </message>
    <message>
        <source>Show or hide the answers so far, flags and notes</source>
        <translation>Dangos neu guddio&apos;r atebion hyd yma, y baneri a&apos;r nodiadau</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Statws cadw</translation>
    </message>
    <message>
        <source>⚠ 1 flag</source>
        <translation>⚠ 1 faner</translation>
    </message>
    <message>
        <source>⚠ {n} flags</source>
        <translation>⚠ {n} baner</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>baneri</translation>
    </message>
    <message>
        <source>So far · {flags} · notes (F6)</source>
        <translation>Hyd yma · {flags} · nodiadau (F6)</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>canlyniad</translation>
    </message>
    <message>
        <source>while they are on the way · step {n}</source>
        <translation>tra maen nhw ar eu ffordd · cam {n}</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>cam {n}</translation>
    </message>
    <message>
        <source>Call in Cymraeg (F7)</source>
        <translation>Galwad yn Gymraeg (F7)</translation>
    </message>
    <message>
        <source>Call in English (F7)</source>
        <translation>Galwad yn Saesneg (F7)</translation>
    </message>
    <message>
        <source>The call is in Welsh: F7 switches it to English</source>
        <translation>Mae&apos;r alwad yn Gymraeg: mae F7 yn ei newid i&apos;r Saesneg</translation>
    </message>
    <message>
        <source>The call is in English: F7 switches it to Welsh</source>
        <translation>Mae&apos;r alwad yn Saesneg: mae F7 yn ei newid i&apos;r Gymraeg</translation>
    </message>
    <message>
        <source>Call in Cymraeg (F7): the call is in Welsh. Press F7 to switch to English</source>
        <translation>Galwad yn Gymraeg (F7): mae&apos;r alwad yn Gymraeg. Pwyswch F7 i newid i&apos;r Saesneg</translation>
    </message>
    <message>
        <source>Call in English (F7): the call is in English. Press F7 to switch to Welsh</source>
        <translation>Galwad yn Saesneg (F7): mae&apos;r alwad yn Saesneg. Pwyswch F7 i newid i&apos;r Gymraeg</translation>
    </message>
</context>
<context>
    <name>CallSidePanel</name>
    <message>
        <source>Who is calling (Ctrl+T to change)</source>
        <extracomment>One path row as shown: (text, jump key or None, struck through, bold, is a note).</extracomment>
        <translation>Pwy sy&apos;n galw (Ctrl+T i newid)</translation>
    </message>
    <message>
        <source>Decision and its time</source>
        <translation>Y penderfyniad a&apos;i amser</translation>
    </message>
    <message>
        <source>Repeat contact on this PC</source>
        <translation>Cysylltiad eto ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>Hyd yma</translation>
    </message>
    <message>
        <source>Answers and notes so far (Enter on an answer to change it)</source>
        <translation>Atebion a nodiadau hyd yma (Enter ar ateb i&apos;w newid)</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Baneri</translation>
    </message>
    <message>
        <source>Threat, Harm, Risk, Investigation, Vulnerability, Engagement</source>
        <translation>Threat (bygythiad), Harm (niwed), Risk (risg), Investigation (ymchwiliad), Vulnerability (bregusrwydd), Engagement (ymgysylltu)</translation>
    </message>
    <message>
        <source>Not assessed yet</source>
        <translation>Heb ei asesu eto</translation>
    </message>
    <message>
        <source>THRIVE assessment so far</source>
        <translation>Asesiad THRIVE hyd yma</translation>
    </message>
    <message>
        <source>Add a note (Alt+N)</source>
        <translation>Ychwanegu nodyn (Alt+N)</translation>
    </message>
    <message>
        <source>Notes (Alt+N; saved when you leave the box or press Ctrl+Enter)</source>
        <translation>Nodiadau (Alt+N; yn cael eu cadw pan fyddwch chi&apos;n gadael y blwch neu&apos;n pwyso Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Alt+N to type a note. Ctrl+Enter saves it and goes back to the question; Esc goes back.</source>
        <translation>Alt+N i deipio nodyn. Mae Ctrl+Enter yn ei gadw ac yn mynd yn ôl at y cwestiwn; mae Esc yn mynd yn ôl.</translation>
    </message>
    <message>
        <source>Save note (Ctrl+Enter)</source>
        <translation>Cadw&apos;r nodyn (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Cadw&apos;r nodyn</translation>
    </message>
    <message>
        <source>None raised</source>
        <translation>Dim un wedi&apos;i godi</translation>
    </message>
    <message>
        <source>⚠ Flag: {flag}</source>
        <translation>⚠ Baner: {flag}</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Penderfyniad</translation>
    </message>
    <message>
        <source>Low</source>
        <extracomment>A THRIVE note&apos;s level as the flows write it (core.vocab.THRIVE_LEVELS), said in the rows&apos; language.</extracomment>
        <translation>Isel</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Canolig</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Uchel</translation>
    </message>
    <message>
        <source>not asked ({why})</source>
        <translation>heb ei ofyn ({why})</translation>
    </message>
    <message>
        <source>(changed)</source>
        <translation>(wedi newid)</translation>
    </message>
    <message>
        <source>not asked (call ended)</source>
        <translation>heb ei ofyn (daeth yr alwad i ben)</translation>
    </message>
    <message>
        <source>on screen now</source>
        <translation>ar y sgrin nawr</translation>
    </message>
    <message>
        <source>volunteered</source>
        <translation>wedi&apos;i gynnig</translation>
    </message>
    <message>
        <source>by {who}</source>
        <translation>gan {who}</translation>
    </message>
    <message>
        <source>⚠ flag: </source>
        <translation>⚠ baner: </translation>
    </message>
    <message>
        <source>(no longer on the path)</source>
        <translation>(ddim ar y llwybr bellach)</translation>
    </message>
    <message>
        <source>⇄ Handed over to {who} ({role})</source>
        <translation>⇄ Wedi&apos;i throsglwyddo i {who} ({role})</translation>
    </message>
    <message>
        <source>▲ IMMEDIATE RISK recorded by {who}: {reason}</source>
        <translation>▲ RISG UNIONGYRCHOL wedi&apos;i chofnodi gan {who}: {reason}</translation>
    </message>
    <message>
        <source>■ Ended early ({code}) by {who}: {reason}</source>
        <translation>■ Wedi gorffen yn gynnar ({code}) gan {who}: {reason}</translation>
    </message>
    <message>
        <source>⚠ Outcome changed to {code} by {who}: {reason}</source>
        <translation>⚠ Canlyniad wedi&apos;i newid i {code} gan {who}: {reason}</translation>
    </message>
    <message>
        <source>✎ Note {time} by {who}: {text}</source>
        <translation>✎ Nodyn {time} gan {who}: {text}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Caller:&lt;/b&gt; {caller}  &lt;span&gt;(Ctrl+T to change)&lt;/span&gt;</source>
        <translation>&lt;b&gt;Galwr:&lt;/b&gt; {caller}  &lt;span&gt;(Ctrl+T i newid)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decision:&lt;/b&gt; {decision}</source>
        <translation>&lt;b&gt;Penderfyniad:&lt;/b&gt; {decision}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Added after the decision:&lt;/b&gt; </source>
        <translation>&lt;b&gt;Wedi&apos;i ychwanegu ar ôl y penderfyniad:&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Press Enter or double-click to change this answer</source>
        <translation>Pwyswch Enter neu glicio ddwywaith i newid yr ateb hwn</translation>
    </message>
</context>
<context>
    <name>CallerCard</name>
    <message>
        <source>⚠ TRAINING: not a real call. Caller card: for the trainer playing the caller.</source>
        <translation>⚠ HYFFORDDIANT: nid galwad go iawn. Cerdyn y galwr: i&apos;r hyfforddwr sy&apos;n chwarae&apos;r galwr.</translation>
    </message>
    <message>
        <source>The caller opens with</source>
        <translation>Mae&apos;r galwr yn dechrau gyda</translation>
    </message>
    <message>
        <source>What the caller says first</source>
        <translation>Beth mae&apos;r galwr yn ei ddweud gyntaf</translation>
    </message>
    <message>
        <source>Asked now</source>
        <translation>Yn cael ei ofyn nawr</translation>
    </message>
    <message>
        <source>What the caller says to this question</source>
        <translation>Beth mae&apos;r galwr yn ei ddweud i&apos;r cwestiwn hwn</translation>
    </message>
    <message>
        <source>Play escalation (F8)</source>
        <translation>Chwarae&apos;r gwaethygu (F8)</translation>
    </message>
    <message>
        <source>Play escalation line</source>
        <translation>Chwarae llinell y gwaethygu</translation>
    </message>
    <message>
        <source>Caller&apos;s replies so far</source>
        <translation>Atebion y galwr hyd yma</translation>
    </message>
    <message>
        <source>Caller&apos;s replies</source>
        <translation>Atebion y galwr</translation>
    </message>
    <message>
        <source>F8 plays the escalation line; Shift+F8 hides or shows this card.</source>
        <translation>Mae F8 yn chwarae llinell y gwaethygu; mae Shift+F8 yn cuddio neu&apos;n dangos y cerdyn hwn.</translation>
    </message>
    <message>
        <source>Trainee {id}</source>
        <translation>Hyfforddai {id}</translation>
    </message>
    <message>
        <source>The whole card (trainer view)</source>
        <translation>Y cerdyn cyfan (golwg yr hyfforddwr)</translation>
    </message>
    <message>
        <source>⚠ Escalation played. The caller now says: “{line}”</source>
        <translation>⚠ Gwaethygu wedi&apos;i chwarae. Mae&apos;r galwr nawr yn dweud: “{line}”</translation>
    </message>
</context>
<context>
    <name>CallerDetailsDialog</name>
    <message>
        <source>Caller details</source>
        <translation>Manylion y galwr</translation>
    </message>
    <message>
        <source>Kept on this PC only, never sent anywhere, and deleted after the retention period. A phone number or name is checked against earlier calls on this PC (last 7 days).</source>
        <translation>Yn cael eu cadw ar y cyfrifiadur hwn yn unig, byth yn cael eu hanfon i unman, ac yn cael eu dileu ar ddiwedd y cyfnod cadw. Caiff rhif ffôn neu enw ei wirio yn erbyn galwadau cynharach ar y cyfrifiadur hwn (y 7 diwrnod diwethaf).</translation>
    </message>
    <message>
        <source>Caller&apos;s phone number</source>
        <translation>Rhif ffôn y galwr</translation>
    </message>
    <message>
        <source>Caller&apos;s name</source>
        <translation>Enw&apos;r galwr</translation>
    </message>
    <message>
        <source>Name of the person the call is about</source>
        <translation>Enw&apos;r person mae&apos;r alwad amdano</translation>
    </message>
    <message>
        <source>Person&apos;s name (if not the caller)</source>
        <translation>Enw&apos;r person (os nad y galwr)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
</context>
<context>
    <name>CallerTypeDialog</name>
    <message>
        <source>Who is calling?</source>
        <translation>Pwy sy&apos;n galw?</translation>
    </message>
    <message>
        <source>Who is calling? Press the number. What you say to the caller changes to fit them.</source>
        <translation>Pwy sy&apos;n galw? Pwyswch y rhif. Mae&apos;r hyn rydych chi&apos;n ei ddweud wrth y galwr yn newid i&apos;w siwtio.</translation>
    </message>
    <message>
        <source>  ✓ current</source>
        <translation>  ✓ presennol</translation>
    </message>
    <message>
        <source>{label} (shortcut {key})</source>
        <translation>{label} (llwybr byr {key})</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Canslo (Esc)</translation>
    </message>
</context>
<context>
    <name>Callers</name>
    <message>
        <source>Not recorded yet</source>
        <translation>Heb ei gofnodi eto</translation>
    </message>
    <message>
        <source>{decision} at {time}</source>
        <translation>{decision} am {time}</translation>
    </message>
    <message>
        <source>; raised to {decision} at {time}</source>
        <translation>; wedi&apos;i godi i {decision} am {time}</translation>
    </message>
    <message>
        <source>; changed by the handler to {decision}</source>
        <translation>; wedi&apos;i newid gan y triniwr galwadau i {decision}</translation>
    </message>
    <message>
        <source>Not asked ({why}): {titles}.</source>
        <translation>Heb eu gofyn ({why}): {titles}.</translation>
    </message>
    <message>
        <source>Repeat contact (this PC only, last {days} days): </source>
        <translation>Cysylltiad eto (y cyfrifiadur hwn yn unig, y {days} diwrnod diwethaf): </translation>
    </message>
    <message>
        <source>no earlier calls share this number or name.</source>
        <translation>does dim galwadau cynharach â&apos;r un rhif neu enw.</translation>
    </message>
    <message>
        <source>not finished</source>
        <translation>heb ei gorffen</translation>
    </message>
</context>
<context>
    <name>DebriefPage</name>
    <message>
        <source>⚠ TRAINING: not a real call. Debrief of a mock call; the result is kept in this PC&apos;s training database.</source>
        <translation>⚠ HYFFORDDIANT: nid galwad go iawn. Ôl-drafodaeth galwad ffug; caiff y canlyniad ei gadw yng nghronfa ddata hyfforddi&apos;r cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Sgôr</translation>
    </message>
    <message>
        <source>Deviations (each named, with its weight)</source>
        <translation>Gwyriadau (pob un wedi&apos;i enwi, gyda&apos;i bwysau)</translation>
    </message>
    <message>
        <source>Deviations</source>
        <translation>Gwyriadau</translation>
    </message>
    <message>
        <source>Expected path and the trainee&apos;s path, side by side</source>
        <translation>Y llwybr disgwyliedig a llwybr yr hyfforddai, ochr yn ochr</translation>
    </message>
    <message>
        <source>Expected path and trainee&apos;s path</source>
        <translation>Y llwybr disgwyliedig a llwybr yr hyfforddai</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Cwestiwn</translation>
    </message>
    <message>
        <source>Expected (careful handler)</source>
        <translation>Disgwyliedig (triniwr gofalus)</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Hyfforddai</translation>
    </message>
    <message>
        <source>Learning points</source>
        <translation>Pwyntiau dysgu</translation>
    </message>
    <message>
        <source>Next call  (Enter)</source>
        <translation>Yr alwad nesaf  (Enter)</translation>
    </message>
    <message>
        <source>Next call</source>
        <translation>Yr alwad nesaf</translation>
    </message>
    <message>
        <source>Debrief: {title} (trainee {id})</source>
        <translation>Ôl-drafodaeth: {title} (hyfforddai {id})</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>WEDI PASIO</translation>
    </message>
    <message>
        <source>NOT PASSED</source>
        <translation>HEB BASIO</translation>
    </message>
    <message>
        <source>Score {score} / 100 · {verdict} · {critical} critical, {major} major, {minor} minor</source>
        <translation>Sgôr {score} / 100 · {verdict} · {critical} critigol, {major} mawr, {minor} bach</translation>
    </message>
    <message>
        <source>✓ Ready for live: {names} (the required clean passes are now recorded).</source>
        <translation>✓ Yn barod ar gyfer galwadau byw: {names} (mae&apos;r pasiau glân angenrheidiol wedi&apos;u cofnodi).</translation>
    </message>
    <message>
        <source>None: the call followed the card.</source>
        <translation>Dim: dilynodd yr alwad y cerdyn.</translation>
    </message>
    <message>
        <source>Finish the session  (Enter)</source>
        <translation>Gorffen y sesiwn  (Enter)</translation>
    </message>
    <message>
        <source>Finish the session</source>
        <translation>Gorffen y sesiwn</translation>
    </message>
    <message>
        <source> (risk)</source>
        <translation> (risg)</translation>
    </message>
    <message>
        <source>— not on the card&apos;s path</source>
        <translation>— ddim ar lwybr y cerdyn</translation>
    </message>
    <message>
        <source>— not asked</source>
        <translation>— heb ei ofyn</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
</context>
<context>
    <name>DecisionBanner</name>
    <message>
        <source>Decision recorded</source>
        <translation>Penderfyniad wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>Script (Alt+S)</source>
        <translation>Sgript (Alt+S)</translation>
    </message>
    <message>
        <source>Show or hide the full script for the decision</source>
        <translation>Dangos neu guddio&apos;r sgript lawn ar gyfer y penderfyniad</translation>
    </message>
    <message>
        <source>Finish (Ctrl+Enter)</source>
        <translation>Gorffen (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Finish the call now</source>
        <translation>Gorffen yr alwad nawr</translation>
    </message>
    <message>
        <source>Steps not asked are recorded as not asked, never as no.</source>
        <translation>Caiff camau heb eu gofyn eu cofnodi fel heb eu gofyn, byth fel na.</translation>
    </message>
    <message>
        <source>Steps not asked are recorded as not asked, never as “no”.</source>
        <translation>Caiff camau heb eu gofyn eu cofnodi fel heb eu gofyn, byth fel “na”.</translation>
    </message>
    <message>
        <source>Decision: the sentence to read to the caller</source>
        <translation>Penderfyniad: y frawddeg i&apos;w darllen i&apos;r galwr</translation>
    </message>
    <message>
        <source>Decision: the full script</source>
        <translation>Penderfyniad: y sgript lawn</translation>
    </message>
    <message>
        <source>Hide script (Alt+S)</source>
        <translation>Cuddio&apos;r sgript (Alt+S)</translation>
    </message>
    <message>
        <source>Decision recorded: {decision} at {time}</source>
        <translation>Penderfyniad wedi&apos;i gofnodi: {decision} am {time}</translation>
    </message>
    <message>
        <source>, raised to {decision} at {time}</source>
        <translation>, wedi&apos;i godi i {decision} am {time}</translation>
    </message>
    <message>
        <source> — while they are on the way</source>
        <translation> — tra maen nhw ar eu ffordd</translation>
    </message>
    <message>
        <source>Say: {headline}</source>
        <translation>Dywedwch: {headline}</translation>
    </message>
    <message>
        <source>English: {text}</source>
        <translation>Saesneg: {text}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>handler {id}</source>
        <translation>triniwr {id}</translation>
    </message>
    <message>
        <source>1 answer recorded</source>
        <translation>1 ateb wedi&apos;i gofnodi</translation>
    </message>
    <message>
        <source>{n} answers recorded</source>
        <translation>{n} ateb wedi&apos;u cofnodi</translation>
    </message>
    <message>
        <source>Resume call started {when}{extra}, {answers}?</source>
        <translation>Ailddechrau&apos;r alwad a ddechreuodd am {when}{extra}, {answers}?</translation>
    </message>
    <message>
        <source>Call started {when}{extra}, {answers}</source>
        <translation>Galwad a ddechreuodd am {when}{extra}, {answers}</translation>
    </message>
</context>
<context>
    <name>EarlyExitDialog</name>
    <message>
        <source>Not asked on this call&apos;s path: </source>
        <translation>Heb eu gofyn ar lwybr yr alwad hon: </translation>
    </message>
    <message>
        <source>Every question on this call&apos;s path has been asked.</source>
        <translation>Mae pob cwestiwn ar lwybr yr alwad hon wedi&apos;i ofyn.</translation>
    </message>
    <message>
        <source>End the call early</source>
        <translation>Gorffen yr alwad yn gynnar</translation>
    </message>
    <message>
        <source>End call early</source>
        <translation>Gorffen yr alwad yn gynnar</translation>
    </message>
    <message>
        <source>Choose the outcome (there is no default) and say why the call is ending before the questions are done.</source>
        <translation>Dewiswch y canlyniad (does dim rhagosodiad) a dywedwch pam mae&apos;r alwad yn gorffen cyn i&apos;r cwestiynau ddod i ben.</translation>
    </message>
    <message>
        <source>The caller rang off: they cannot be told the outcome</source>
        <translation>Mae&apos;r galwr wedi rhoi&apos;r ffôn i lawr: does dim modd dweud y canlyniad wrthyn nhw</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Nothing has been changed.</source>
        <translation>Does dim byd wedi newid.</translation>
    </message>
    <message>
        <source>Backups found:</source>
        <translation>Copïau wrth gefn a gafwyd:</translation>
    </message>
    <message>
        <source>The call database is damaged</source>
        <translation>Mae cronfa ddata&apos;r galwadau wedi&apos;i difrodi</translation>
    </message>
    <message>
        <source>The database file in the data folder{where} cannot be read. {detail}</source>
        <translation>Does dim modd darllen ffeil y gronfa ddata yn y ffolder data{where}. {detail}</translation>
    </message>
    <message>
        <source>The damaged file has not been changed or deleted.</source>
        <translation>Dydy&apos;r ffeil sydd wedi&apos;i difrodi ddim wedi&apos;i newid na&apos;i dileu.</translation>
    </message>
    <message>
        <source>Tell your supervisor or IT support; they can restore the latest backup (&apos;triage-desktop restore&apos;). Meanwhile, take calls on paper.</source>
        <translation>Rhowch wybod i&apos;ch goruchwyliwr neu i&apos;r tîm cymorth TG; gallan nhw adfer y copi wrth gefn diweddaraf (&apos;triage-desktop restore&apos;). Yn y cyfamser, cofnodwch alwadau ar bapur.</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Mae&apos;r ddisg yn llawn</translation>
    </message>
    <message>
        <source>There is no space left to save calls{where}. {detail}</source>
        <translation>Does dim lle ar ôl i gadw galwadau{where}. {detail}</translation>
    </message>
    <message>
        <source>Nothing has been lost.</source>
        <translation>Does dim byd wedi&apos;i golli.</translation>
    </message>
    <message>
        <source>Free some disk space (or ask IT), then start again.</source>
        <translation>Rhyddhewch le ar y ddisg (neu gofynnwch i&apos;r tîm TG), yna dechreuwch eto.</translation>
    </message>
    <message>
        <source>The data folder cannot be written</source>
        <translation>Does dim modd ysgrifennu yn y ffolder data</translation>
    </message>
    <message>
        <source>triage-desktop is not allowed to save in the data folder{where}. {detail}</source>
        <translation>Does gan triage-desktop ddim caniatâd i gadw yn y ffolder data{where}. {detail}</translation>
    </message>
    <message>
        <source>Ask IT to fix the folder&apos;s permissions, or start with --data-dir pointing at a folder you can write to.</source>
        <translation>Gofynnwch i&apos;r tîm TG gywiro caniatâd y ffolder, neu agorwch yr ap gyda --data-dir yn pwyntio at ffolder y gallwch chi ysgrifennu ynddo.</translation>
    </message>
    <message>
        <source>These flows are drafts: not for live calls</source>
        <translation>Drafftiau yw&apos;r llifoedd hyn: nid ar gyfer galwadau byw</translation>
    </message>
    <message>
        <source>Nothing has been changed. Drafts can be rehearsed in training mode.</source>
        <translation>Does dim byd wedi newid. Gallwch chi ymarfer drafftiau yn y modd hyfforddi.</translation>
    </message>
    <message>
        <source>Start in training mode (triage-desktop --training), or ask whoever manages the flows to complete their sign-off (&apos;triage-desktop flows check --live&apos; lists what is missing).</source>
        <translation>Agorwch yr ap yn y modd hyfforddi (triage-desktop --training), neu gofynnwch i bwy bynnag sy&apos;n rheoli&apos;r llifoedd gwblhau eu cymeradwyo (&apos;triage-desktop flows check --live&apos; sy&apos;n rhestru beth sydd ar goll).</translation>
    </message>
    <message>
        <source>triage-desktop cannot open its data</source>
        <translation>Dydy triage-desktop ddim yn gallu agor ei ddata</translation>
    </message>
    <message>
        <source>Start again; if it happens again, tell IT support.</source>
        <translation>Dechreuwch eto; os bydd yn digwydd eto, rhowch wybod i&apos;r tîm cymorth TG.</translation>
    </message>
    <message>
        <source>The disk is full: {doing} could not be saved.</source>
        <translation>Mae&apos;r ddisg yn llawn: doedd dim modd cadw ({doing}).</translation>
    </message>
    <message>
        <source>Free some disk space (or ask IT), then do it again. Until then, record the call on paper.</source>
        <translation>Rhyddhewch le ar y ddisg (neu gofynnwch i&apos;r tîm TG), yna gwnewch e eto. Tan hynny, cofnodwch yr alwad ar bapur.</translation>
    </message>
    <message>
        <source>The database was busy: {doing} could not be saved.</source>
        <translation>Roedd y gronfa ddata&apos;n brysur: doedd dim modd cadw ({doing}).</translation>
    </message>
    <message>
        <source>Try again in a moment.</source>
        <translation>Rhowch gynnig arall arni mewn munud.</translation>
    </message>
    <message>
        <source>The data folder cannot be written: {doing} could not be saved.</source>
        <translation>Does dim modd ysgrifennu yn y ffolder data: doedd dim modd cadw ({doing}).</translation>
    </message>
    <message>
        <source>Ask IT to fix the folder&apos;s permissions. Until then, record the call on paper.</source>
        <translation>Gofynnwch i&apos;r tîm TG gywiro caniatâd y ffolder. Tan hynny, cofnodwch yr alwad ar bapur.</translation>
    </message>
    <message>
        <source>Something went wrong while {doing}: {message}</source>
        <translation>Aeth rhywbeth o&apos;i le ({doing}): {message}</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, record the call on paper and tell IT support.</source>
        <translation>Rhowch gynnig arall arni. Os bydd yn dal i ddigwydd, cofnodwch yr alwad ar bapur a rhowch wybod i&apos;r tîm cymorth TG.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
    <message>
        <source>Every answer before this one is saved, and what you typed is still on screen.</source>
        <translation>Mae pob ateb cyn hwn wedi&apos;i gadw, ac mae&apos;r hyn a deipioch chi yn dal ar y sgrin.</translation>
    </message>
</context>
<context>
    <name>FlowsDialog</name>
    <message>
        <source>Flows</source>
        <translation>Llifoedd</translation>
    </message>
    <message>
        <source>&amp;Flow:</source>
        <translation>&amp;Llif:</translation>
    </message>
    <message>
        <source>Flow to show</source>
        <translation>Y llif i&apos;w ddangos</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Chwyddo allan (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Chwyddo i mewn (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit (Ctrl+0)</source>
        <translation>Ffitio (Ctrl+0)</translation>
    </message>
    <message>
        <source>Sign-off of this flow</source>
        <translation>Cymeradwyaeth y llif hwn</translation>
    </message>
    <message>
        <source>Flow diagram</source>
        <translation>Diagram o&apos;r llif</translation>
    </message>
    <message>
        <source>The flow as a diagram: questions, answers on the arrows, outcomes labelled police attend or police will not attend.</source>
        <translation>Y llif fel diagram: cwestiynau, atebion ar y saethau, a chanlyniadau wedi&apos;u labelu bydd yr heddlu&apos;n dod neu fydd yr heddlu ddim yn dod.</translation>
    </message>
    <message>
        <source>Flow as text</source>
        <translation>Y llif fel testun</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>&amp;Diagram</translation>
    </message>
    <message>
        <source>&amp;Text (every step in words)</source>
        <translation>&amp;Testun (pob cam mewn geiriau)</translation>
    </message>
    <message>
        <source>No diagram was built for {flow} v{version} (sha256 {hash}). Diagrams are made when the app is built (&apos;make diagrams&apos;, or &apos;triage-desktop flows diagrams FOLDER&apos; for a force&apos;s own flows). The Text tab shows every step of this version.</source>
        <translation>Chafodd dim diagram ei greu ar gyfer {flow} v{version} (sha256 {hash}). Caiff diagramau eu creu pan fydd yr ap yn cael ei adeiladu (&apos;make diagrams&apos;, neu &apos;triage-desktop flows diagrams FOLDER&apos; ar gyfer llifoedd heddlu ei hun). Mae&apos;r tab Testun yn dangos pob cam o&apos;r fersiwn hon.</translation>
    </message>
</context>
<context>
    <name>FlowsHelp</name>
    <message>
        <source>DRAFT FLOWS (training only): </source>
        <translation>LLIFOEDD DRAFFT (hyfforddi yn unig): </translation>
    </message>
    <message>
        <source>DRAFT FLOW (training only): </source>
        <translation>LLIF DRAFFT (hyfforddi yn unig): </translation>
    </message>
    <message>
        <source> — DRAFT FLOWS</source>
        <translation> — LLIFOEDD DRAFFT</translation>
    </message>
    <message>
        <source>Draft flows in use</source>
        <translation>Llifoedd drafft yn cael eu defnyddio</translation>
    </message>
</context>
<context>
    <name>HandlerDialog</name>
    <message>
        <source>Collar number or staff id</source>
        <translation>Rhif coler neu rif staff</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <source>Recent handler ids on this PC</source>
        <translation>Rhifau trinwyr diweddar ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>Recent on this PC (Down and Up in the box choose one):</source>
        <translation>Diweddar ar y cyfrifiadur hwn (mae Lawr a Fyny yn y blwch yn dewis un):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over the call</source>
        <translation>Trosglwyddo&apos;r alwad</translation>
    </message>
    <message>
        <source>Person taking over</source>
        <translation>Y person sy&apos;n cymryd drosodd</translation>
    </message>
    <message>
        <source>Person taking over: collar number or staff id</source>
        <translation>Y person sy&apos;n cymryd drosodd: rhif coler neu rif staff</translation>
    </message>
    <message>
        <source>The person taking over</source>
        <translation>Y person sy&apos;n cymryd drosodd</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Trosglwyddo</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>&lt;h2&gt;Taking a call&lt;/h2&gt;&lt;p&gt;Ask each question in the words shown. Answer with the buttons or their keys. Nothing moves on by itself. Your answers are saved as you go: if the app closes, the call is offered again when it reopens.&lt;/p&gt;&lt;p&gt;If at any point there is a real and immediate risk to life or of serious harm, press &lt;b&gt;F9&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;At the end, read the outcome sentence to the caller, tick that you told them, copy the summary to the incident log, and finish.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Derbyn galwad&lt;/h2&gt;&lt;p&gt;Gofynnwch bob cwestiwn yn y geiriau sydd ar y sgrin. Atebwch gyda&apos;r botymau neu eu bysellau. Does dim byd yn symud ymlaen ohono&apos;i hun. Caiff eich atebion eu cadw wrth fynd: os bydd yr ap yn cau, bydd cynnig i ailddechrau&apos;r alwad pan fydd yn agor eto.&lt;/p&gt;&lt;p&gt;Os oes risg wirioneddol ac uniongyrchol i fywyd neu o niwed difrifol ar unrhyw adeg, pwyswch &lt;b&gt;F9&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Ar y diwedd, darllenwch frawddeg y canlyniad i&apos;r galwr, ticiwch eich bod wedi dweud wrthyn nhw, copïwch y crynodeb i log y digwyddiad, a gorffennwch.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Keyboard shortcuts&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Llwybrau byr y bysellfwrdd&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Help and shortcuts</source>
        <translation>Cymorth a llwybrau byr</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Started</source>
        <extracomment>(header, row key, order-by column or None when the column cannot be sorted). Only columns the store indexes sort: at 1,000,000 calls an unindexed sort (length, answers, police) takes 1-2 s and would freeze the window.</extracomment>
        <translation>Dechrau</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Pathway</source>
        <translation>Llwybr</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Heddlu</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Triniwr</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Atebion</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Hyd</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>Marciau</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Terfynol</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Heb orffen</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Wedi&apos;i gadael</translation>
    </message>
    <message>
        <source>Immediate risk</source>
        <translation>Risg uniongyrchol</translation>
    </message>
    <message>
        <source>Ended early</source>
        <translation>Wedi gorffen yn gynnar</translation>
    </message>
    <message>
        <source>Overridden</source>
        <translation>Canlyniad wedi&apos;i newid</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Wedi&apos;i throsglwyddo</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Hyfforddiant</translation>
    </message>
    <message>
        <source>Attend</source>
        <translation>Dod</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>Call id {id}</source>
        <translation>Rhif yr alwad {id}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>dim</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>Cliciwch i drefnu</translation>
    </message>
    <message>
        <source>This column cannot be sorted</source>
        <translation>Does dim modd trefnu&apos;r golofn hon</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Any</source>
        <translation>Unrhyw un</translation>
    </message>
    <message>
        <source>Find calls — triage-desktop</source>
        <translation>Chwilio am alwadau — triage-desktop</translation>
    </message>
    <message>
        <source>Search calls</source>
        <translation>Chwilio galwadau</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Chwilio</translation>
    </message>
    <message>
        <source>Calls from (date)</source>
        <translation>Galwadau o (dyddiad)</translation>
    </message>
    <message>
        <source>Calls up to (date)</source>
        <translation>Galwadau hyd at (dyddiad)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>O</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hyd at</translation>
    </message>
    <message>
        <source>Pathway</source>
        <translation>Llwybr</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Handler id</source>
        <translation>Rhif y triniwr</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Triniwr</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clirio&apos;r hidlwyr</translation>
    </message>
    <message>
        <source>Calls found (Enter opens the report)</source>
        <translation>Galwadau a gafwyd (mae Enter yn agor yr adroddiad)</translation>
    </message>
    <message>
        <source>How many calls were found</source>
        <translation>Faint o alwadau a gafwyd</translation>
    </message>
    <message>
        <source>Open report (Enter)</source>
        <translation>Agor yr adroddiad (Enter)</translation>
    </message>
    <message>
        <source>Open report of the selected call</source>
        <translation>Agor adroddiad yr alwad a ddewiswyd</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>No calls match.</source>
        <translation>Does dim galwadau&apos;n cyfateb.</translation>
    </message>
    <message>
        <source>No calls yet.</source>
        <translation>Dim galwadau eto.</translation>
    </message>
    <message>
        <source>{total} calls match; showing the first {shown} (scroll for more).</source>
        <translation>Mae {total} galwad yn cyfateb; yn dangos y {shown} cyntaf (sgroliwch am fwy).</translation>
    </message>
    <message>
        <source>1 call matches.</source>
        <translation>Mae 1 alwad yn cyfateb.</translation>
    </message>
    <message>
        <source>{total} calls match.</source>
        <translation>Mae {total} galwad yn cyfateb.</translation>
    </message>
    <message>
        <source>“{column}” cannot be sorted: the call store has no index for it, and sorting a million calls without one would freeze this window. Still sorted by {now}.</source>
        <translation>Does dim modd trefnu yn ôl “{column}”: does gan storfa&apos;r galwadau ddim mynegai ar ei gyfer, a byddai trefnu miliwn o alwadau hebddo yn rhewi&apos;r ffenestr hon. Yn dal wedi&apos;u trefnu yn ôl {now}.</translation>
    </message>
    <message>
        <source>Calls could not be listed</source>
        <translation>Doedd dim modd rhestru&apos;r galwadau</translation>
    </message>
    <message>
        <source>The call history could not be read: {error}</source>
        <translation>Doedd dim modd darllen hanes y galwadau: {error}</translation>
    </message>
    <message>
        <source>No call has been changed.</source>
        <translation>Does dim galwad wedi newid.</translation>
    </message>
    <message>
        <source>Close this window and try again.</source>
        <translation>Caewch y ffenest hon a rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Galwad</translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation>Galwad &amp;newydd</translation>
    </message>
    <message>
        <source>&amp;Immediate risk…</source>
        <translation>&amp;Risg uniongyrchol…</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>&amp;Trosglwyddo…</translation>
    </message>
    <message>
        <source>&amp;End call early…</source>
        <translation>&amp;Gorffen yr alwad yn gynnar…</translation>
    </message>
    <message>
        <source>&amp;Who is calling…</source>
        <translation>&amp;Pwy sy&apos;n galw…</translation>
    </message>
    <message>
        <source>Caller &amp;details…</source>
        <translation>&amp;Manylion y galwr…</translation>
    </message>
    <message>
        <source>Call &amp;language: Welsh / English</source>
        <translation>&amp;Iaith yr alwad: Cymraeg / Saesneg</translation>
    </message>
    <message>
        <source>&amp;Copy for incident log</source>
        <translation>&amp;Copïo ar gyfer log y digwyddiad</translation>
    </message>
    <message>
        <source>Go to the &amp;notes</source>
        <translation>Mynd i&apos;r no&amp;diadau</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>G&amp;adael</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Chwilio</translation>
    </message>
    <message>
        <source>&amp;Find calls (history)…</source>
        <translation>&amp;Chwilio am alwadau (hanes)…</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>&amp;Adroddiadau…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Offer</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Gosodiadau…</translation>
    </message>
    <message>
        <source>&amp;Sign in (who is taking calls)…</source>
        <translation>&amp;Mewngofnodi (pwy sy&apos;n derbyn galwadau)…</translation>
    </message>
    <message>
        <source>Sign in as su&amp;pervisor or trainer…</source>
        <translation>Mewngofnodi fel goruchwyliwr neu &amp;hyfforddwr…</translation>
    </message>
    <message>
        <source>Import &amp;partner directory (CSV)…</source>
        <translation>Mewnforio&apos;r cyfeiriadur &amp;partneriaid (CSV)…</translation>
    </message>
    <message>
        <source>S&amp;ync settings…</source>
        <translation>Gosodiadau cy&amp;soni…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>C&amp;ymorth</translation>
    </message>
    <message>
        <source>&amp;Help and shortcuts</source>
        <translation>&amp;Cymorth a llwybrau byr</translation>
    </message>
    <message>
        <source>&amp;Flows (diagrams)…</source>
        <translation>&amp;Llifoedd (diagramau)…</translation>
    </message>
    <message>
        <source>&amp;About triage-desktop</source>
        <translation>&amp;Ynghylch triage-desktop</translation>
    </message>
    <message>
        <source>saving the setting &apos;{name}&apos;</source>
        <translation>cadw&apos;r gosodiad &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>saving the settings</source>
        <translation>cadw&apos;r gosodiadau</translation>
    </message>
    <message>
        <source>listing calls that were not finished</source>
        <translation>rhestru galwadau sydd heb eu gorffen</translation>
    </message>
    <message>
        <source> — EXAMPLE FORCE PACK (fictional numbers)</source>
        <translation> — PECYN HEDDLU ENGHREIFFTIOL (rhifau ffug)</translation>
    </message>
</context>
<context>
    <name>MissingDatabaseDialog</name>
    <message>
        <source>The call database is missing</source>
        <translation>Mae cronfa ddata&apos;r galwadau ar goll</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ar goll</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>yn wag</translation>
    </message>
    <message>
        <source>The call database in {where} is {found}, but 1 backup of it exists. Nothing has been changed or deleted.</source>
        <translation>Mae cronfa ddata&apos;r galwadau yn {where} {found}, ond mae 1 copi wrth gefn ohoni&apos;n bod. Does dim byd wedi&apos;i newid na&apos;i ddileu.</translation>
    </message>
    <message>
        <source>The call database in {where} is {found}, but {n} backups of it exist. Nothing has been changed or deleted.</source>
        <translation>Mae cronfa ddata&apos;r galwadau yn {where} {found}, ond mae {n} copi wrth gefn ohoni&apos;n bod. Does dim byd wedi&apos;i newid na&apos;i ddileu.</translation>
    </message>
    <message>
        <source>Newest backup: {name}</source>
        <translation>Y copi wrth gefn diweddaraf: {name}</translation>
    </message>
    <message>
        <source>&amp;Restore the newest backup</source>
        <translation>&amp;Adfer y copi wrth gefn diweddaraf</translation>
    </message>
    <message>
        <source>An empty database will not show the calls in the backups (they stay in the backups folder, untouched).</source>
        <translation>Fydd cronfa ddata wag ddim yn dangos y galwadau sydd yn y copïau wrth gefn (maen nhw&apos;n aros yn y ffolder copïau wrth gefn, heb eu cyffwrdd).</translation>
    </message>
    <message>
        <source>I &amp;understand</source>
        <translation>Rydw i&apos;n &amp;deall</translation>
    </message>
    <message>
        <source>Start with an &amp;empty database</source>
        <translation>Dechrau gyda chronfa ddata &amp;wag</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>G&amp;adael</translation>
    </message>
    <message>
        <source>Starting empty is recorded in the new database&apos;s audit trail. If unsure, restore, or quit and tell your supervisor or IT support.</source>
        <translation>Caiff dechrau&apos;n wag ei gofnodi yn llwybr archwilio&apos;r gronfa ddata newydd. Os nad ydych chi&apos;n siŵr, adferwch y copi, neu gadewch a rhowch wybod i&apos;ch goruchwyliwr neu i&apos;r tîm cymorth TG.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(dim un)</translation>
    </message>
</context>
<context>
    <name>OptionButtons</name>
    <message>
        <source>{label} (shortcut {key} toggles)</source>
        <translation>{label} (mae llwybr byr {key} yn ticio neu&apos;n dad-dicio)</translation>
    </message>
    <message>
        <source>  ✓ current</source>
        <translation>  ✓ presennol</translation>
    </message>
    <message>
        <source>{key} or {n}</source>
        <translation>{key} neu {n}</translation>
    </message>
    <message>
        <source>{label} (shortcut {key})</source>
        <translation>{label} (llwybr byr {key})</translation>
    </message>
    <message>
        <source>  (ticked)</source>
        <translation>  (wedi&apos;i dicio)</translation>
    </message>
</context>
<context>
    <name>OutcomeChoiceDialog</name>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Choose an outcome…</source>
        <translation>Dewiswch ganlyniad…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Rheswm</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Rheswm (gofynnol)</translation>
    </message>
</context>
<context>
    <name>OutcomePage</name>
    <message>
        <source>Right Care, Right Person: National Partnership Agreement (2023). Police attend when there is a real and immediate risk to life or of serious harm, or to investigate a crime.</source>
        <translation>Gofal Cywir, Person Cywir: y Cytundeb Partneriaeth Cenedlaethol (2023). Mae&apos;r heddlu&apos;n dod pan fo risg wirioneddol ac uniongyrchol i fywyd neu o niwed difrifol, neu i ymchwilio i drosedd.</translation>
    </message>
    <message>
        <source>Immediate risk recorded by the handler</source>
        <translation>Risg uniongyrchol wedi&apos;i chofnodi gan y triniwr</translation>
    </message>
    <message>
        <source>Call ended early by the handler</source>
        <translation>Y triniwr wedi gorffen yr alwad yn gynnar</translation>
    </message>
    <message>
        <source>Outcome changed by the handler</source>
        <translation>Y triniwr wedi newid y canlyniad</translation>
    </message>
    <message>
        <source>Reached by the questions</source>
        <translation>Wedi&apos;i gyrraedd drwy&apos;r cwestiynau</translation>
    </message>
    <message>
        <source>Pathway not yet under RCRP in this force (phased rollout)</source>
        <translation>Llwybr sydd ddim o dan RCRP eto yn yr heddlu hwn (cyflwyno fesul cam)</translation>
    </message>
    <message>
        <source>FOLLOW FORCE PROCEDURE · not yet under RCRP</source>
        <translation>DILYNWCH WEITHDREFN YR HEDDLU · ddim o dan RCRP eto</translation>
    </message>
    <message>
        <source>POLICE WILL ATTEND · {what}</source>
        <translation>BYDD YR HEDDLU&apos;N DOD · {what}</translation>
    </message>
    <message>
        <source>POLICE WILL NOT ATTEND · {what}</source>
        <translation>FYDD YR HEDDLU DDIM YN DOD · {what}</translation>
    </message>
    <message>
        <source>Caller: {caller}.</source>
        <translation>Galwr: {caller}.</translation>
    </message>
    <message>
        <source>Decision: {decision}.</source>
        <translation>Penderfyniad: {decision}.</translation>
    </message>
    <message>
        <source>Caller not reachable (rang off) (Alt+I)</source>
        <translation>Dim modd cael y galwr (ffôn i lawr) (Alt+I)</translation>
    </message>
    <message>
        <source>Police attendance</source>
        <translation>Presenoldeb yr heddlu</translation>
    </message>
    <message>
        <source>Read this to the caller</source>
        <translation>Darllenwch hwn i&apos;r galwr</translation>
    </message>
    <message>
        <source>The caller rang off: there is nothing to read to them. Record that they could not be told, below.</source>
        <translation>Mae&apos;r galwr wedi rhoi&apos;r ffôn i lawr: does dim i&apos;w ddarllen iddyn nhw. Cofnodwch isod nad oedd modd dweud wrthyn nhw.</translation>
    </message>
    <message>
        <source>Outcome changed</source>
        <translation>Canlyniad wedi&apos;i newid</translation>
    </message>
    <message>
        <source>I have told the caller the outcome</source>
        <translation>Dywedais y canlyniad wrth y galwr</translation>
    </message>
    <message>
        <source>Required to finish the call</source>
        <translation>Rhaid cyn gorffen yr alwad</translation>
    </message>
    <message>
        <source>CAD incident number (optional)</source>
        <translation>Rhif digwyddiad CAD (dewisol)</translation>
    </message>
    <message>
        <source>The command-and-control incident number: it goes into the incident-log block</source>
        <translation>Rhif y digwyddiad yn y system gorchymyn a rheoli: mae&apos;n mynd i floc log y digwyddiad</translation>
    </message>
    <message>
        <source>Change outcome (override the outcome)</source>
        <translation>Newid y canlyniad</translation>
    </message>
    <message>
        <source>Back to questions</source>
        <translation>Yn ôl i&apos;r cwestiynau</translation>
    </message>
    <message>
        <source>⚠ Changed by the handler from {outcome} ({code}). Handler&apos;s reason: {reason}</source>
        <translation>⚠ Wedi&apos;i newid gan y triniwr o {outcome} ({code}). Rheswm y triniwr: {reason}</translation>
    </message>
    <message>
        <source>Closing script</source>
        <translation>Sgript gloi</translation>
    </message>
    <message>
        <source>Sentence to read to the caller</source>
        <translation>Y frawddeg i&apos;w darllen i&apos;r galwr</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <source>The sentence in English</source>
        <translation>Y frawddeg yn Saesneg</translation>
    </message>
    <message>
        <source>The closing script in English</source>
        <translation>Y sgript gloi yn Saesneg</translation>
    </message>
    <message>
        <source>Partner services to name</source>
        <translation>Gwasanaethau partner i&apos;w henwi</translation>
    </message>
    <message>
        <source>Partner services</source>
        <translation>Gwasanaethau partner</translation>
    </message>
    <message>
        <source>Outcome and response</source>
        <translation>Canlyniad ac ymateb</translation>
    </message>
    <message>
        <source>Caller, decision time and steps not asked</source>
        <translation>Galwr, amser y penderfyniad a&apos;r camau heb eu gofyn</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Sail y penderfyniad</translation>
    </message>
    <message>
        <source>Legal basis and guidance</source>
        <translation>Sail gyfreithiol a chanllawiau</translation>
    </message>
    <message>
        <source>I have told the caller the outcome (Alt+I)</source>
        <translation>Dywedais y canlyniad wrth y galwr (Alt+I)</translation>
    </message>
    <message>
        <source>Copy for incident log (Ctrl+Shift+C)</source>
        <extracomment>(long, short) button texts: the short ones when large text would push the row off the page</extracomment>
        <translation>Copïo ar gyfer log y digwyddiad (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Copy for incident log</source>
        <translation>Copïo ar gyfer log y digwyddiad</translation>
    </message>
    <message>
        <source>Change outcome… (Alt+O)</source>
        <translation>Newid y canlyniad… (Alt+O)</translation>
    </message>
    <message>
        <source>◂ Back to questions (Alt+←)</source>
        <translation>◂ Yn ôl i&apos;r cwestiynau (Alt+←)</translation>
    </message>
    <message>
        <source>Finish call (Ctrl+Enter)</source>
        <translation>Gorffen yr alwad (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Finish call</source>
        <translation>Gorffen yr alwad</translation>
    </message>
    <message>
        <source>Tick “I have told the caller the outcome” first.</source>
        <translation>Ticiwch y blwch uchod yn gyntaf.</translation>
    </message>
    <message>
        <source>Read this to the caller, in Welsh (Cymraeg)</source>
        <translation>Darllenwch hwn i&apos;r galwr, yn Gymraeg</translation>
    </message>
    <message>
        <source>Caller not reachable (rang off)</source>
        <translation>Dim modd cael y galwr (ffôn i lawr)</translation>
    </message>
    <message>
        <source> &lt;i&gt;(added after the decision)&lt;/i&gt;</source>
        <translation> &lt;i&gt;(wedi&apos;i ychwanegu ar ôl y penderfyniad)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>None for this outcome.</source>
        <translation>Dim un ar gyfer y canlyniad hwn.</translation>
    </message>
    <message>
        <source>⚠ {source}. Reason: {reason}</source>
        <translation>⚠ {source}. Rheswm: {reason}</translation>
    </message>
    <message>
        <source>Tick “{box}” first.</source>
        <translation>Ticiwch y blwch uchod yn gyntaf.</translation>
    </message>
    <message>
        <source>Copy (Ctrl+Shift+C)</source>
        <translation>Copïo (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Change… (Alt+O)</source>
        <translation>Newid… (Alt+O)</translation>
    </message>
    <message>
        <source>◂ Back (Alt+←)</source>
        <translation>◂ Yn ôl (Alt+←)</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Change the outcome</source>
        <translation>Newid y canlyniad</translation>
    </message>
    <message>
        <source>Change outcome</source>
        <translation>Newid y canlyniad</translation>
    </message>
    <message>
        <source>The outcome now is {outcome}. Choose the outcome you are changing it to and say why. The original outcome stays in the record.</source>
        <translation>Y canlyniad nawr yw {outcome}. Dewiswch y canlyniad rydych chi&apos;n ei newid iddo a dywedwch pam. Mae&apos;r canlyniad gwreiddiol yn aros yn y cofnod.</translation>
    </message>
</context>
<context>
    <name>PartnerPanel</name>
    <message>
        <source>Partner services open now</source>
        <translation>Gwasanaethau partner sydd ar agor nawr</translation>
    </message>
    <message>
        <source>Closed now (not offered)</source>
        <translation>Ar gau nawr (heb eu cynnig)</translation>
    </message>
    <message>
        <source>None open now. Next to open: &lt;b&gt;{name}&lt;/b&gt; — {phones} · {when}</source>
        <translation>Dim un ar agor nawr. Y nesaf i agor: &lt;b&gt;{name}&lt;/b&gt; — {phones} · {when}</translation>
    </message>
    <message>
        <source>None in the force directory for this outcome.</source>
        <translation>Dim un yng nghyfeiriadur yr heddlu ar gyfer y canlyniad hwn.</translation>
    </message>
    <message>
        <source>Directory: {origin}</source>
        <translation>Cyfeiriadur: {origin}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Sign in as {role}</source>
        <translation>Mewngofnodi fel {role}</translation>
    </message>
    <message>
        <source>{staff_id} is listed as a {role} in the force configuration pack. Choose a passphrase of at least {n} characters: you will be asked for it each time you act as {role}. It is stored only as a secure hash.</source>
        <translation>Mae {staff_id} ar y rhestr fel {role} ym mhecyn ffurfweddu&apos;r heddlu. Dewiswch gyfrinymadrodd o {n} nod o leiaf: bydd gofyn i chi ei roi bob tro y byddwch chi&apos;n gweithredu fel {role}. Caiff ei gadw fel stwnsh diogel yn unig.</translation>
    </message>
    <message>
        <source>Enter the {role} passphrase for {staff_id}. After five wrong tries, sign-in is paused for a while.</source>
        <translation>Rhowch gyfrinymadrodd {role} ar gyfer {staff_id}. Ar ôl pum cynnig anghywir, bydd mewngofnodi&apos;n cael ei atal am sbel.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Cyfrinymadrodd</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Rhowch y cyfrinymadrodd eto</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Eto</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Rhowch y cyfrinymadrodd.</translation>
    </message>
    <message>
        <source>Choose at least {n} characters.</source>
        <translation>Dewiswch {n} nod o leiaf.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>Dydy&apos;r ddau gyfrinymadrodd ddim yr un fath.</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <extracomment>The compiled catalogue&apos;s base name: triage_desktop_cy.qm (built by `make translations`). Qt&apos;s own texts the app shows (standard dialog buttons, the text-field menu): Qt ships no Welsh catalogue, so they are in ours. Listed here so lupdate keeps them (they are not obsolete) and the tests can check them.</extracomment>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Gweithredu</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Ailosod</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Gwaredu</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ie</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Na</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Terfynu</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ceisio eto</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Anwybyddu</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Adfer y rhagosodiadau</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Copïo cyfeiriad y &amp;ddolen</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>QueriesPanel</name>
    <message>
        <source>⚠ Queried by a supervisor: please read and acknowledge (calls on this PC)</source>
        <translation>⚠ Ymholiad gan oruchwyliwr: darllenwch a chydnabod os gwelwch yn dda (galwadau ar y cyfrifiadur hwn)</translation>
    </message>
    <message>
        <source>Calls queried by a supervisor</source>
        <translation>Galwadau y mae goruchwyliwr wedi holi amdanyn nhw</translation>
    </message>
    <message>
        <source>&amp;Acknowledge the selected query</source>
        <translation>&amp;Cydnabod yr ymholiad a ddewiswyd</translation>
    </message>
    <message>
        <source>Call {id} queried by {who} on {date}: “{comment}”</source>
        <translation>Galwad {id} – ymholiad gan {who} ar {date}: “{comment}”</translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <source>Ask the caller</source>
        <translation>Gofynnwch i&apos;r galwr</translation>
    </message>
    <message>
        <source>The question in English</source>
        <translation>Y cwestiwn yn Saesneg</translation>
    </message>
    <message>
        <source>▸ Why we ask (Alt+W)</source>
        <translation>▸ Pam rydyn ni&apos;n gofyn (Alt+W)</translation>
    </message>
    <message>
        <source>Why we ask</source>
        <translation>Pam rydyn ni&apos;n gofyn</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ateb</translation>
    </message>
    <message>
        <source>Confirm (Enter)</source>
        <translation>Cadarnhau (Enter)</translation>
    </message>
    <message>
        <source>Unknown (Alt+U)</source>
        <translation>Ddim yn gwybod (Alt+U)</translation>
    </message>
    <message>
        <source>Problem with the answer</source>
        <translation>Problem gyda&apos;r ateb</translation>
    </message>
    <message>
        <source>Caller volunteered this (Alt+V)</source>
        <translation>Y galwr wnaeth gynnig hyn (Alt+V)</translation>
    </message>
    <message>
        <source>◂ Back (Alt+←)</source>
        <translation>◂ Yn ôl (Alt+←)</translation>
    </message>
    <message>
        <source>Back to the previous question</source>
        <translation>Yn ôl i&apos;r cwestiwn blaenorol</translation>
    </message>
    <message>
        <source>Jump to… (Alt+J)</source>
        <translation>Neidio i… (Alt+J)</translation>
    </message>
    <message>
        <source>Jump to an earlier question</source>
        <translation>Neidio i gwestiwn cynharach</translation>
    </message>
    <message>
        <source>Earlier questions</source>
        <translation>Cwestiynau cynharach</translation>
    </message>
    <message>
        <source>Return to latest question (Alt+→)</source>
        <translation>Yn ôl i&apos;r cwestiwn diweddaraf (Alt+→)</translation>
    </message>
    <message>
        <source>Say or do this in Welsh (English below)</source>
        <translation>Dywedwch neu gwnewch hyn yn Gymraeg (Saesneg isod)</translation>
    </message>
    <message>
        <source>Ask the caller in Welsh (English below)</source>
        <translation>Gofynnwch i&apos;r galwr yn Gymraeg (Saesneg isod)</translation>
    </message>
    <message>
        <source>Say or do this</source>
        <translation>Dywedwch neu gwnewch hyn</translation>
    </message>
    <message>
        <source>English: {text}</source>
        <translation>Saesneg: {text}</translation>
    </message>
    <message>
        <source>No guidance for this step.</source>
        <translation>Does dim canllawiau ar gyfer y cam hwn.</translation>
    </message>
    <message>
        <source>Answer given earlier: {answer}. Choose again to change it; the earlier answer is kept in the record as changed.</source>
        <translation>Ateb a roddwyd yn gynharach: {answer}. Dewiswch eto i&apos;w newid; mae&apos;r ateb cynharach yn aros yn y cofnod fel un wedi&apos;i newid.</translation>
    </message>
    <message>
        <source>Why we ask (show or hide the guidance)</source>
        <translation>Pam rydyn ni&apos;n gofyn (dangos neu guddio&apos;r canllawiau)</translation>
    </message>
    <message>
        <source>Confirm the answer</source>
        <translation>Cadarnhau&apos;r ateb</translation>
    </message>
    <message>
        <source>Unknown (answer not known)</source>
        <translation>Ddim yn gwybod (ateb ddim yn hysbys)</translation>
    </message>
    <message>
        <source>Caller volunteered this</source>
        <translation>Y galwr wnaeth gynnig hyn</translation>
    </message>
    <message>
        <source>Return to latest question</source>
        <translation>Yn ôl i&apos;r cwestiwn diweddaraf</translation>
    </message>
    <message>
        <source>Continue (Enter)</source>
        <translation>Ymlaen (Enter)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Ymlaen</translation>
    </message>
    <message>
        <source>Press the numbers to tick every option that applies, then Enter.</source>
        <translation>Pwyswch y rhifau i dicio pob dewis sy&apos;n berthnasol, yna Enter.</translation>
    </message>
    <message>
        <source> Enter with nothing ticked means none of these.</source>
        <translation> Mae Enter heb dicio dim yn golygu dim un o&apos;r rhain.</translation>
    </message>
    <message>
        <source>Answer in {unit}</source>
        <translation>Ateb mewn {unit}</translation>
    </message>
    <message>
        <source>Answer (a number)</source>
        <translation>Ateb (rhif)</translation>
    </message>
    <message>
        <source>Type a number and press Enter.</source>
        <translation>Teipiwch rif a phwyso Enter.</translation>
    </message>
    <message>
        <source> Type U or press Alt+U if not known.</source>
        <translation> Teipiwch U neu bwyso Alt+U os nad yw&apos;n hysbys.</translation>
    </message>
    <message>
        <source>Answer (free text)</source>
        <translation>Ateb (testun rhydd)</translation>
    </message>
    <message>
        <source>Type the answer as given and press Enter.</source>
        <translation>Teipiwch yr ateb fel y cafodd ei roi a phwyso Enter.</translation>
    </message>
    <message>
        <source> Why we ask (Alt+W)</source>
        <translation> Pam rydyn ni&apos;n gofyn (Alt+W)</translation>
    </message>
    <message>
        <source>Type a number first, or U if it is not known.</source>
        <translation>Teipiwch rif yn gyntaf, neu U os nad yw&apos;n hysbys.</translation>
    </message>
    <message>
        <source>Type a number first.</source>
        <translation>Teipiwch rif yn gyntaf.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>Rheswm</translation>
    </message>
</context>
<context>
    <name>ReportsCharts</name>
    <message>
        <source>Chart; the table beside it has every number.</source>
        <extracomment>Okabe-Ito: distinguishable with colour-blindness; the table beside each chart carries every number.</extracomment>
        <translation>Siart; mae pob rhif yn y tabl wrth ei ochr.</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Calls</source>
        <translation>Galwadau</translation>
    </message>
    <message>
        <source>Deployment rate</source>
        <translation>Cyfradd anfon</translation>
    </message>
    <message>
        <source>Hours released</source>
        <translation>Oriau wedi&apos;u rhyddhau</translation>
    </message>
    <message>
        <source>s136</source>
        <translation>Adran 136</translation>
    </message>
    <message>
        <source>Professionals</source>
        <translation>Gweithwyr proffesiynol</translation>
    </message>
    <message>
        <source>Ambulance</source>
        <translation>Ambiwlans</translation>
    </message>
    <message>
        <source>Time to decision</source>
        <translation>Amser i benderfynu</translation>
    </message>
    <message>
        <source>Safety signals</source>
        <translation>Arwyddion diogelwch</translation>
    </message>
    <message>
        <source>Repeat contacts</source>
        <translation>Cysylltiadau eto</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Cymhariaeth</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>Dim cymhariaeth</translation>
    </message>
    <message>
        <source>The period before</source>
        <translation>Y cyfnod cynt</translation>
    </message>
    <message>
        <source>The force&apos;s pre-RCRP baseline (force-wide)</source>
        <translation>Llinell sylfaen yr heddlu cyn RCRP (ar draws yr heddlu)</translation>
    </message>
    <message>
        <source>Phase 1: concern for welfare</source>
        <translation>Cam 1: pryder am les</translation>
    </message>
    <message>
        <source>Phase 2: walk-outs and AWOL</source>
        <translation>Cam 2: gadael lleoliad iechyd ac AWOL</translation>
    </message>
    <message>
        <source>Phase 3: transport of patients</source>
        <translation>Cam 3: cludo cleifion</translation>
    </message>
    <message>
        <source>Phase 4: s136 and voluntary patients</source>
        <translation>Cam 4: adran 136 a chleifion gwirfoddol</translation>
    </message>
    <message>
        <source>this week ({start} to {end})</source>
        <translation>yr wythnos hon ({start} i {end})</translation>
    </message>
    <message>
        <source>last month ({month})</source>
        <translation>y mis diwethaf ({month})</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} i {end}</translation>
    </message>
    <message>
        <source>Reports — this PC&apos;s calls</source>
        <translation>Adroddiadau — galwadau&apos;r cyfrifiadur hwn</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where these numbers come from:&lt;/b&gt; this PC&apos;s finalised training calls only (mock calls on the training database; no live call is counted). A baseline compared here is the force&apos;s pre-RCRP figure and is &lt;b&gt;force-wide&lt;/b&gt;.</source>
        <translation>&lt;b&gt;O ble mae&apos;r ffigurau hyn yn dod:&lt;/b&gt; galwadau hyfforddi terfynol y cyfrifiadur hwn yn unig (galwadau ffug ar y gronfa ddata hyfforddi; does dim galwad fyw yn cael ei chyfrif). Ffigur yr heddlu cyn RCRP yw unrhyw linell sylfaen sy&apos;n cael ei chymharu yma, ac mae &lt;b&gt;ar draws yr heddlu&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where these numbers come from:&lt;/b&gt; this PC&apos;s finalised live calls only. The force-wide view, across every control-room PC, is the collector&apos;s dashboard (/dashboard on the force&apos;s collector, for analysts). A baseline compared here is the force&apos;s pre-RCRP figure and is &lt;b&gt;force-wide&lt;/b&gt;.</source>
        <translation>&lt;b&gt;O ble mae&apos;r ffigurau hyn yn dod:&lt;/b&gt; galwadau byw terfynol y cyfrifiadur hwn yn unig. Mae&apos;r darlun ar draws yr heddlu, o bob cyfrifiadur yn yr ystafell reoli, ar ddangosfwrdd y casglwr (/dashboard ar gasglwr yr heddlu, i ddadansoddwyr). Ffigur yr heddlu cyn RCRP yw unrhyw linell sylfaen sy&apos;n cael ei chymharu yma, ac mae &lt;b&gt;ar draws yr heddlu&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Yr wythnos hon</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Y mis diwethaf</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Dewis eich hun</translation>
    </message>
    <message>
        <source>Rollout phase {n}</source>
        <translation>Cam cyflwyno {n}</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Cyfnod</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Cyfnod:</translation>
    </message>
    <message>
        <source>From date (custom period)</source>
        <translation>Dyddiad o (cyfnod eich hun)</translation>
    </message>
    <message>
        <source>To date (custom period)</source>
        <translation>Dyddiad hyd at (cyfnod eich hun)</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Cymharu gyda</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>Cy&amp;mharu gyda:</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Dangos</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;O</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;i</translation>
    </message>
    <message>
        <source>Computing figures</source>
        <translation>Wrthi&apos;n cyfrifo&apos;r ffigurau</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Ffigurau</translation>
    </message>
    <message>
        <source>Export P&amp;DF</source>
        <translation>Allforio &amp;PDF</translation>
    </message>
    <message>
        <source>Export &amp;CSV</source>
        <translation>Allforio C&amp;SV</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Argraffu…</translation>
    </message>
    <message>
        <source>&amp;Assumptions…</source>
        <translation>&amp;Tybiaethau…</translation>
    </message>
    <message>
        <source>Supervisors can change the hours per avoided deployment and their sources.</source>
        <translation>Gall goruchwylwyr newid yr oriau ar gyfer pob anfon sydd wedi&apos;i osgoi a&apos;u ffynonellau.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Computing the figures for {period}…</source>
        <translation>Wrthi&apos;n cyfrifo&apos;r ffigurau ar gyfer {period}…</translation>
    </message>
    <message>
        <source>{n} training calls on this PC in {period}</source>
        <translation>{n} galwad hyfforddi ar y cyfrifiadur hwn yn {period}</translation>
    </message>
    <message>
        <source>{n} calls on this PC in {period}</source>
        <translation>{n} galwad ar y cyfrifiadur hwn yn {period}</translation>
    </message>
    <message>
        <source> ({n} with a decision time)</source>
        <translation> ({n} gydag amser penderfynu)</translation>
    </message>
    <message>
        <source>The figures could not be computed: {error}. Nothing was changed; try again.</source>
        <translation>Doedd dim modd cyfrifo&apos;r ffigurau: {error}. Does dim byd wedi newid; rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>PDF saved ({n} pages): {path}</source>
        <translation>PDF wedi&apos;i gadw ({n} tudalen): {path}</translation>
    </message>
    <message>
        <source>CSV saved ({n} values): {path}</source>
        <translation>CSV wedi&apos;i gadw ({n} gwerth): {path}</translation>
    </message>
    <message>
        <source>saving the PDF</source>
        <translation>cadw&apos;r PDF</translation>
    </message>
    <message>
        <source>saving the CSV</source>
        <translation>cadw&apos;r CSV</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>argraffu</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Heb ei gadw: {error}</translation>
    </message>
    <message>
        <source>Problem {doing}: {error}. Your calls are safe; choose another folder or free some space and try again.</source>
        <translation>Problem ({doing}): {error}. Mae eich galwadau&apos;n ddiogel; dewiswch ffolder arall neu ryddhau lle a rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume an interrupted call?</source>
        <translation>Ailddechrau galwad a gafodd ei thorri?</translation>
    </message>
    <message>
        <source>A call was not finished when the app last closed. Its answers are saved.</source>
        <translation>Doedd galwad ddim wedi gorffen pan gaeodd yr ap ddiwethaf. Mae ei hatebion wedi&apos;u cadw.</translation>
    </message>
    <message>
        <source>Interrupted calls</source>
        <translation>Galwadau a gafodd eu torri</translation>
    </message>
    <message>
        <source>Resume call</source>
        <translation>Ailddechrau&apos;r alwad</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Dim nawr</translation>
    </message>
    <message>
        <source>Press a number to choose a call, Enter to resume it, Esc for not now.</source>
        <translation>Pwyswch rif i ddewis galwad, Enter i&apos;w hailddechrau, Esc am ddim nawr.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Covers the calls stored on this PC only. Nothing of a review leaves this PC.</source>
        <translation>Yn cynnwys y galwadau sydd wedi&apos;u cadw ar y cyfrifiadur hwn yn unig. Does dim byd o adolygiad yn gadael y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Review live calls — triage-desktop</source>
        <translation>Adolygu galwadau byw — triage-desktop</translation>
    </message>
    <message>
        <source>Review of live calls. </source>
        <translation>Adolygiad o alwadau byw. </translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Wythnos</translation>
    </message>
    <message>
        <source>{week} ({start} to {end})</source>
        <translation>{week} ({start} i {end})</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Wythnos</translation>
    </message>
    <message>
        <source>Sampled calls</source>
        <translation>Galwadau yn y sampl</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Triniwr</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Dechrau</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>Why sampled</source>
        <translation>Pam yn y sampl</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Gwiriadau</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Adolygiad</translation>
    </message>
    <message>
        <source>The call (read only)</source>
        <translation>Yr alwad (darllen yn unig)</translation>
    </message>
    <message>
        <source>Questions and answers (read only)</source>
        <translation>Cwestiynau ac atebion (darllen yn unig)</translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation>Cwestiynau ac atebion</translation>
    </message>
    <message>
        <source>Automatic compliance checks (same weights as training)</source>
        <translation>Gwiriadau cydymffurfio awtomatig (yr un pwysau â&apos;r hyfforddiant)</translation>
    </message>
    <message>
        <source>Automatic compliance checks</source>
        <translation>Gwiriadau cydymffurfio awtomatig</translation>
    </message>
    <message>
        <source>Review comment</source>
        <translation>Sylw&apos;r adolygiad</translation>
    </message>
    <message>
        <source>Comment (required to query the call)</source>
        <translation>Sylw (rhaid wrth holi am yr alwad)</translation>
    </message>
    <message>
        <source>&amp;Ratify</source>
        <translation>&amp;Cadarnhau</translation>
    </message>
    <message>
        <source>&amp;Query (comment required)</source>
        <translation>&amp;Holi (rhaid rhoi sylw)</translation>
    </message>
    <message>
        <source>Ratify the call</source>
        <translation>Cadarnhau&apos;r alwad</translation>
    </message>
    <message>
        <source>Query (comment required): query the call</source>
        <translation>Holi (rhaid rhoi sylw): holi am yr alwad</translation>
    </message>
    <message>
        <source>QA report per handler (reviews over the last 4 weeks):</source>
        <translation>Adroddiad sicrhau ansawdd fesul triniwr (adolygiadau&apos;r 4 wythnos diwethaf):</translation>
    </message>
    <message>
        <source>QA report &amp;PDF…</source>
        <translation>Adroddiad ansawdd &amp;PDF…</translation>
    </message>
    <message>
        <source>QA report &amp;CSV…</source>
        <translation>Adroddiad ansawdd C&amp;SV…</translation>
    </message>
    <message>
        <source>Per handler: every override, early exit and immediate risk, plus {n} random call(s) (seed &apos;{seed}&apos;, set in Settings).</source>
        <translation>Fesul triniwr: pob newid canlyniad, gorffen yn gynnar a risg uniongyrchol, a {n} galwad ar hap (hedyn &apos;{seed}&apos;, wedi&apos;i osod yn y Gosodiadau).</translation>
    </message>
    <message>
        <source>The sample could not be drawn: {error}</source>
        <translation>Doedd dim modd tynnu&apos;r sampl: {error}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(dim un)</translation>
    </message>
    <message>
        <source>{score} · {critical} crit.</source>
        <translation>{score} · {critical} critigol</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>heb ei adolygu</translation>
    </message>
    <message>
        <source>No call in this week&apos;s sample on this PC.</source>
        <translation>Does dim galwad yn sampl yr wythnos hon ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <source>Not asked: {step}</source>
        <translation>Heb ei ofyn: {step}</translation>
    </message>
    <message>
        <source>✓ All checks met: threshold questions first, every risk question answered, no early exit without a reason, caller told, time to decision on target.</source>
        <translation>✓ Pob gwiriad wedi&apos;i fodloni: cwestiynau&apos;r trothwy yn gyntaf, pob cwestiwn risg wedi&apos;i ateb, dim gorffen yn gynnar heb reswm, y galwr wedi cael gwybod, amser i benderfynu ar darged.</translation>
    </message>
    <message>
        <source>Score {score} / 100</source>
        <translation>Sgôr {score} / 100</translation>
    </message>
    <message>
        <source>{verdict} by {who} on {date}</source>
        <translation>{verdict} gan {who} ar {date}</translation>
    </message>
    <message>
        <source> (acknowledged)</source>
        <translation> (wedi&apos;i gydnabod)</translation>
    </message>
    <message>
        <source>Not reviewed yet.</source>
        <translation>Heb ei adolygu eto.</translation>
    </message>
    <message>
        <source>Not recorded: {error}</source>
        <translation>Heb ei gofnodi: {error}</translation>
    </message>
    <message>
        <source>Recorded: call {id} {verdict}. The call itself is unchanged.</source>
        <translation>Wedi&apos;i gofnodi: galwad {id} – {verdict}. Dydy&apos;r alwad ei hun ddim wedi newid.</translation>
    </message>
    <message>
        <source>Save the QA report as {kind}</source>
        <translation>Cadw&apos;r adroddiad ansawdd fel {kind}</translation>
    </message>
    <message>
        <source>Saved the QA report: {path}</source>
        <translation>Wedi cadw&apos;r adroddiad ansawdd: {path}</translation>
    </message>
</context>
<context>
    <name>ScenarioFormDialog</name>
    <message>
        <source>New training scenario — TRAINING: not a real call</source>
        <translation>Senario hyfforddi newydd — HYFFORDDIANT: nid galwad go iawn</translation>
    </message>
    <message>
        <source>A mock call for training. It is saved on this PC (your scenarios folder) and checked against the flows before it is saved, like &apos;scenarios check&apos;.</source>
        <translation>Galwad ffug ar gyfer hyfforddi. Caiff ei chadw ar y cyfrifiadur hwn (eich ffolder senarios) a&apos;i gwirio yn erbyn y llifoedd cyn ei chadw, fel &apos;scenarios check&apos;.</translation>
    </message>
    <message>
        <source>entry_triage.risk_now: No, she&apos;s sitting with me, she&apos;s calm.</source>
        <translation>entry_triage.risk_now: Na, mae hi&apos;n eistedd gyda fi, mae hi&apos;n dawel.</translation>
    </message>
    <message>
        <source>Police attend</source>
        <translation>Yr heddlu&apos;n dod</translation>
    </message>
    <message>
        <source>partner codes, e.g. crisis_team, nhs_111_mh</source>
        <translation>codau partner, e.e. crisis_team, nhs_111_mh</translation>
    </message>
    <message>
        <source>e.g. entry_triage.risk_now, concern_for_welfare.agency_tried</source>
        <translation>e.e. entry_triage.risk_now, concern_for_welfare.agency_tried</translation>
    </message>
    <message>
        <source>Scenario &amp;id (lower_snake_case)</source>
        <translation>&amp;Dynodydd y senario (lower_snake_case)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Teitl</translation>
    </message>
    <message>
        <source>&amp;Caller</source>
        <translation>&amp;Galwr</translation>
    </message>
    <message>
        <source>What the caller &amp;says first</source>
        <translation>Beth mae&apos;r galwr yn ei &amp;ddweud gyntaf</translation>
    </message>
    <message>
        <source>&amp;Facts (one per line)</source>
        <translation>&amp;Ffeithiau (un i bob llinell)</translation>
    </message>
    <message>
        <source>&amp;Learning points (one per line)</source>
        <translation>&amp;Pwyntiau dysgu (un i bob llinell)</translation>
    </message>
    <message>
        <source>Scripted &amp;answers (flow.node: answer)</source>
        <translation>&amp;Atebion wedi&apos;u sgriptio (flow.node: ateb)</translation>
    </message>
    <message>
        <source>Caller card (flow.node: what the caller says)</source>
        <translation>Cerdyn y galwr (flow.node: beth mae&apos;r galwr yn ei ddweud)</translation>
    </message>
    <message>
        <source>Expected &amp;outcome</source>
        <translation>&amp;Canlyniad disgwyliedig</translation>
    </message>
    <message>
        <source>Partners that must be offered</source>
        <translation>Partneriaid y mae&apos;n rhaid eu cynnig</translation>
    </message>
    <message>
        <source>Critical &amp;questions</source>
        <translation>C&amp;westiynau critigol</translation>
    </message>
    <message>
        <source>Time-to-decision target (0 = none)</source>
        <translation>Targed amser i benderfynu (0 = dim)</translation>
    </message>
    <message>
        <source>Why the scenario was not saved</source>
        <translation>Pam na chafodd y senario ei gadw</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>Gwirio a chadw</translation>
    </message>
    <message>
        <source>Not saved: &apos;scenarios check&apos; would reject it.</source>
        <translation>Heb ei gadw: byddai &apos;scenarios check&apos; yn ei wrthod.</translation>
    </message>
    <message>
        <source>Not saved: the scenarios folder cannot be written ({error}).</source>
        <translation>Heb ei gadw: does dim modd ysgrifennu yn y ffolder senarios ({error}).</translation>
    </message>
</context>
<context>
    <name>ServiceWords</name>
    <message>
        <source>tomorrow {time}</source>
        <translation>yfory {time}</translation>
    </message>
    <message>
        <source>open 24 hours</source>
        <translation>ar agor 24 awr</translation>
    </message>
    <message>
        <source>open until {time}</source>
        <translation>ar agor tan {time}</translation>
    </message>
    <message>
        <source>closed{why}: not open in the next two weeks</source>
        <translation>ar gau{why}: ddim ar agor yn ystod y pythefnos nesaf</translation>
    </message>
    <message>
        <source>closed{why}: opens {time}</source>
        <translation>ar gau{why}: yn agor {time}</translation>
    </message>
    <message>
        <source>&apos;{question}&apos; needs a number</source>
        <translation>Mae angen rhif ar gyfer &apos;{question}&apos;</translation>
    </message>
    <message>
        <source>&apos;{question}&apos; needs a finite number</source>
        <translation>Mae angen rhif meidraidd ar gyfer &apos;{question}&apos;</translation>
    </message>
    <message>
        <source>{value} is outside the ranges of &apos;{question}&apos;</source>
        <translation>Mae {value} y tu allan i ystodau &apos;{question}&apos;</translation>
    </message>
    <message>
        <source>choose at least one option for &apos;{question}&apos;</source>
        <translation>dewiswch o leiaf un dewis ar gyfer &apos;{question}&apos;</translation>
    </message>
    <message>
        <source>answer the question before marking it volunteered</source>
        <translation>atebwch y cwestiwn cyn ei farcio fel wedi&apos;i gynnig</translation>
    </message>
    <message>
        <source>this is the first question</source>
        <translation>dyma&apos;r cwestiwn cyntaf</translation>
    </message>
    <message>
        <source>TRAINING: not a real call</source>
        <translation>HYFFORDDIANT: nid galwad go iawn</translation>
    </message>
    <message>
        <source>No call open</source>
        <translation>Dim galwad ar agor</translation>
    </message>
    <message>
        <source>Call in progress</source>
        <translation>Galwad ar y gweill</translation>
    </message>
    <message>
        <source>Call in progress: {flow}</source>
        <translation>Galwad ar y gweill: {flow}</translation>
    </message>
    <message>
        <source>Outcome: {what}</source>
        <translation>Canlyniad: {what}</translation>
    </message>
    <message>
        <source>must be a table</source>
        <extracomment>core/forcepack.py, packs.py and core/partners.py: why a force configuration pack cannot be used.</extracomment>
        <translation>rhaid iddo fod yn dabl</translation>
    </message>
    <message>
        <source>unknown key &apos;{key}&apos; (known here: {known})</source>
        <translation>allwedd anhysbys &apos;{key}&apos; (y rhai sy&apos;n hysbys yma: {known})</translation>
    </message>
    <message>
        <source>missing &apos;{key}&apos; ({what})</source>
        <translation>mae &apos;{key}&apos; ar goll ({what})</translation>
    </message>
    <message>
        <source>must be text (in quotes)</source>
        <translation>rhaid iddo fod yn destun (mewn dyfynodau)</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>ni ddylai fod yn wag</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>rhaid iddo fod yn rhif cyfan</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>rhaid iddo fod yn rhif</translation>
    </message>
    <message>
        <source>{value} is out of range ({low} to {high})</source>
        <translation>mae {value} y tu allan i&apos;r ystod ({low} i {high})</translation>
    </message>
    <message>
        <source>must be a list of text values</source>
        <translation>rhaid iddo fod yn rhestr o werthoedd testun</translation>
    </message>
    <message>
        <source>must be a date (YYYY-MM-DD), not a date and time</source>
        <translation>rhaid iddo fod yn ddyddiad (BBBB-MM-DD), nid dyddiad ac amser</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date (YYYY-MM-DD)</source>
        <translation>nid yw &apos;{value}&apos; yn ddyddiad (BBBB-MM-DD)</translation>
    </message>
    <message>
        <source>unknown partner code &apos;{code}&apos; (known: {known})</source>
        <translation>cod partner anhysbys &apos;{code}&apos; (y rhai hysbys: {known})</translation>
    </message>
    <message>
        <source>unknown outcome code &apos;{code}&apos;</source>
        <translation>cod canlyniad anhysbys &apos;{code}&apos;</translation>
    </message>
    <message>
        <source>unknown pathway &apos;{value}&apos; (known: {known})</source>
        <translation>llwybr anhysbys &apos;{value}&apos; (y rhai hysbys: {known})</translation>
    </message>
    <message>
        <source>list at least one outcome code this service is for</source>
        <translation>rhestrwch o leiaf un cod canlyniad mae&apos;r gwasanaeth hwn ar ei gyfer</translation>
    </message>
    <message>
        <source>must be a list of at least one phone number</source>
        <translation>rhaid iddo fod yn rhestr o un rhif ffôn o leiaf</translation>
    </message>
    <message>
        <source>a phone is &quot;01632 960123&quot; or { number = &quot;...&quot;, label = &quot;...&quot; }</source>
        <translation>mae rhif ffôn ar ffurf &quot;01632 960123&quot; neu { number = &quot;...&quot;, label = &quot;...&quot; }</translation>
    </message>
    <message>
        <source>malformed phone number: {why}</source>
        <translation>rhif ffôn ar ffurf anghywir: {why}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; has characters a phone number cannot have</source>
        <translation>mae gan &apos;{value}&apos; nodau na all rhif ffôn eu cynnwys</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a UK number (+44)</source>
        <translation>nid yw &apos;{value}&apos; yn rhif yn y DU (+44)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a UK number: it should start with 0, +44, or be 999/111/101/116xxx</source>
        <translation>nid yw &apos;{value}&apos; yn rhif yn y DU: dylai ddechrau gyda 0 neu +44, neu fod yn 999/111/101/116xxx</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid UK number ({n} digits)</source>
        <translation>nid yw &apos;{value}&apos; yn rhif dilys yn y DU ({n} digid)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos;: use &quot;24/7&quot; or a table of opening ranges per weekday</source>
        <translation>&apos;{value}&apos;: defnyddiwch &quot;24/7&quot; neu dabl o oriau agor ar gyfer pob diwrnod o&apos;r wythnos</translation>
    </message>
    <message>
        <source>must be a list of dates</source>
        <translation>rhaid iddo fod yn rhestr o ddyddiadau</translation>
    </message>
    <message>
        <source>must be &quot;closed&quot;, &quot;normal&quot; or a list of ranges</source>
        <translation>rhaid iddo fod yn &quot;closed&quot;, &quot;normal&quot; neu&apos;n rhestr o ystodau</translation>
    </message>
    <message>
        <source>impossible or overlapping hours: {day}: {why}</source>
        <translation>oriau amhosibl neu&apos;n gorgyffwrdd: {day}: {why}</translation>
    </message>
    <message>
        <source>impossible or overlapping hours: {why}</source>
        <translation>oriau amhosibl neu&apos;n gorgyffwrdd: {why}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a time range like 09:00-17:00</source>
        <translation>nid yw &apos;{value}&apos; yn ystod amser fel 09:00-17:00</translation>
    </message>
    <message>
        <source>&apos;{value}&apos;: {time} is not a time of day</source>
        <translation>&apos;{value}&apos;: nid yw {time} yn amser o&apos;r dydd</translation>
    </message>
    <message>
        <source>&apos;{value}&apos;: {time} is not a time of day (use 24:00 for midnight at the end)</source>
        <translation>&apos;{value}&apos;: nid yw {time} yn amser o&apos;r dydd (defnyddiwch 24:00 am hanner nos ar y diwedd)</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; opens and closes at the same minute</source>
        <translation>mae &apos;{value}&apos; yn agor ac yn cau ar yr un funud</translation>
    </message>
    <message>
        <source>{first} and {second} overlap</source>
        <translation>mae {first} a {second} yn gorgyffwrdd</translation>
    </message>
    <message>
        <source>never open: give hours for at least one day, or &quot;24/7&quot;</source>
        <translation>byth ar agor: rhowch oriau ar gyfer un diwrnod o leiaf, neu &quot;24/7&quot;</translation>
    </message>
    <message>
        <source>&apos;{code}&apos; must be 2 to 8 capital letters or digits</source>
        <translation>rhaid i &apos;{code}&apos; fod yn 2 i 8 priflythyren neu ddigid</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not an http(s) address</source>
        <translation>nid yw &apos;{url}&apos; yn gyfeiriad http(s)</translation>
    </message>
    <message>
        <source>{width} is too narrow: use 0 (no wrapping) or 40-200</source>
        <translation>mae {width} yn rhy gul: defnyddiwch 0 (dim lapio) neu 40-200</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>rhaid iddo fod yn true neu false</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; must be true or false</source>
        <translation>rhaid i &apos;{value}&apos; fod yn true neu false</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; must be one of {known}</source>
        <translation>rhaid i &apos;{value}&apos; fod yn un o {known}</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a staff id (letters, digits, . _ -; up to 32)</source>
        <translation>nid yw &apos;{value}&apos; yn rhif staff (llythrennau, digidau, . _ -; hyd at 32)</translation>
    </message>
    <message>
        <source>must be at least 16 characters</source>
        <translation>rhaid iddo fod yn 16 nod o leiaf</translation>
    </message>
    <message>
        <source>write each entry as a [[partners]] table</source>
        <translation>ysgrifennwch bob cofnod fel tabl [[partners]]</translation>
    </message>
    <message>
        <source>TOML syntax error: {detail}</source>
        <translation>gwall cystrawen TOML: {detail}</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>nid yw&apos;r ffeil yn bodoli</translation>
    </message>
    <message>
        <source>cannot be read: {detail}</source>
        <translation>does dim modd ei darllen: {detail}</translation>
    </message>
    <message>
        <source>the CA bundle {file} does not exist</source>
        <translation>nid yw&apos;r bwndel CA {file} yn bodoli</translation>
    </message>
    <message>
        <source>the flows folder {folder} does not exist</source>
        <translation>nid yw ffolder y llifoedd {folder} yn bodoli</translation>
    </message>
    <message>
        <source>the flows in {folder} fail &apos;flows check&apos;: {problems}</source>
        <translation>mae&apos;r llifoedd yn {folder} yn methu &apos;flows check&apos;: {problems}</translation>
    </message>
    <message>
        <source>no force configuration pack is installed: put the force&apos;s pack at this path, or set {variable} to its file</source>
        <translation>does dim pecyn ffurfweddu&apos;r heddlu wedi&apos;i osod: rhowch becyn yr heddlu yn y llwybr hwn, neu gosodwch {variable} i&apos;w ffeil</translation>
    </message>
    <message>
        <source>this database has no outbox (is it a training database?)</source>
        <extracomment>sync/runner.py and sync/transport.py: why a sync pass failed (the status bar&apos;s &quot;error …&quot;).</extracomment>
        <translation>does dim blwch allan gan y gronfa ddata hon (ai cronfa ddata hyfforddi yw hi?)</translation>
    </message>
    <message>
        <source>collector refused a reconcile request: {code}</source>
        <translation>gwrthododd y casglwr gais i gysoni: {code}</translation>
    </message>
    <message>
        <source>collector answered an unknown record status</source>
        <translation>atebodd y casglwr gyda statws cofnod anhysbys</translation>
    </message>
    <message>
        <source>TLS certificate of the collector could not be verified</source>
        <translation>doedd dim modd gwirio tystysgrif TLS y casglwr</translation>
    </message>
    <message>
        <source>collector unreachable (connection failed)</source>
        <translation>does dim modd cyrraedd y casglwr (methodd y cysylltiad)</translation>
    </message>
    <message>
        <source>collector did not answer in time</source>
        <translation>wnaeth y casglwr ddim ateb mewn pryd</translation>
    </message>
    <message>
        <source>connection to the collector broke ({error})</source>
        <translation>torrodd y cysylltiad â&apos;r casglwr ({error})</translation>
    </message>
    <message>
        <source>collector refused the device token (HTTP {status})</source>
        <translation>gwrthododd y casglwr docyn y ddyfais (HTTP {status})</translation>
    </message>
    <message>
        <source>collector is busy or failing (HTTP {status})</source>
        <translation>mae&apos;r casglwr yn brysur neu&apos;n methu (HTTP {status})</translation>
    </message>
    <message>
        <source>unexpected answer from the collector (HTTP {status})</source>
        <translation>ateb annisgwyl gan y casglwr (HTTP {status})</translation>
    </message>
    <message>
        <source>collector answer could not be read</source>
        <translation>doedd dim modd darllen ateb y casglwr</translation>
    </message>
    <message>
        <source>collector answer does not match the batch</source>
        <translation>dydy ateb y casglwr ddim yn cyfateb i&apos;r swp</translation>
    </message>
    <message>
        <source>collector reconcile answer could not be read</source>
        <translation>doedd dim modd darllen ateb cysoni&apos;r casglwr</translation>
    </message>
    <message>
        <source>collector_url: plain http:// to {host} is refused (summaries would cross the network unencrypted); use https:// (http:// is allowed only to this PC: 127.0.0.1, ::1, localhost)</source>
        <translation>collector_url: mae http:// plaen i {host} yn cael ei wrthod (byddai&apos;r crynodebau&apos;n croesi&apos;r rhwydwaith heb eu hamgryptio); defnyddiwch https:// (dim ond i&apos;r cyfrifiadur hwn y caniateir http://: 127.0.0.1, ::1, localhost)</translation>
    </message>
    <message>
        <source>collector_url: must be an https:// URL with a host (http:// only to this PC)</source>
        <translation>collector_url: rhaid iddo fod yn URL https:// gyda gwesteiwr (http:// i&apos;r cyfrifiadur hwn yn unig)</translation>
    </message>
    <message>
        <source>CA bundle {file} does not exist</source>
        <translation>nid yw&apos;r bwndel CA {file} yn bodoli</translation>
    </message>
    <message>
        <source>sync failed: {error}</source>
        <translation>methodd y cysoni: {error}</translation>
    </message>
    <message>
        <source>No local service for this outcome is open now: offer NHS 111 option 2, the 24-hour mental-health crisis line.</source>
        <extracomment>core/partners.py Directory.offer: why NHS 111 option 2 is offered in place of the directory&apos;s services.</extracomment>
        <translation>Does dim gwasanaeth lleol ar gyfer y canlyniad hwn ar agor nawr: cynigiwch GIG 111 pwyso 2, y llinell argyfwng iechyd meddwl 24 awr.</translation>
    </message>
    <message>
        <source>The directory has no local service for this outcome: offer NHS 111 option 2, the 24-hour mental-health crisis line.</source>
        <translation>Does dim gwasanaeth lleol yn y cyfeiriadur ar gyfer y canlyniad hwn: cynigiwch GIG 111 pwyso 2, y llinell argyfwng iechyd meddwl 24 awr.</translation>
    </message>
    <message>
        <source>force pack</source>
        <extracomment>services/force.py directory_origin: where the partner directory came from (the panel&apos;s &quot;Directory: …&quot;).</extracomment>
        <translation>pecyn yr heddlu</translation>
    </message>
    <message>
        <source>imported by a supervisor</source>
        <translation>wedi&apos;i fewnforio gan oruchwyliwr</translation>
    </message>
    <message>
        <source>example pack (fictional numbers)</source>
        <translation>pecyn enghreifftiol (rhifau ffug)</translation>
    </message>
    <message>
        <source>local closure</source>
        <extracomment>core/partners.py Directory.state: why a service that is normally open is shut today.</extracomment>
        <translation>wedi cau yn lleol</translation>
    </message>
    <message>
        <source>bank holiday: {name}</source>
        <translation>gŵyl y banc: {name}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Set by the force (locked)</source>
        <extracomment>What the authority of a setting says beside it (force pack → supervisor → user).</extracomment>
        <translation>Wedi&apos;i osod gan yr heddlu (dan glo)</translation>
    </message>
    <message>
        <source>Supervisor only</source>
        <translation>Goruchwyliwr yn unig</translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>The interface languages, each named in its own language (Settings → Interface language).</extracomment>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <source>Collar number or staff id</source>
        <translation>Rhif coler neu rif staff</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôl</translation>
    </message>
    <message>
        <source>Supervisors and trainers sign in from Tools → Sign in as supervisor or trainer.</source>
        <translation>Mae goruchwylwyr a hyfforddwyr yn mewngofnodi o Offer → Mewngofnodi fel goruchwyliwr neu hyfforddwr.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Iaith y rhyngwyneb</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Iaith y system</translation>
    </message>
    <message>
        <source>The new language is used the next time you start the app. Keys stay the same: Y, N and U are always Yes, No and Don&apos;t know.</source>
        <translation>Bydd yr iaith newydd yn cael ei defnyddio&apos;r tro nesaf y byddwch chi&apos;n agor yr ap. Mae&apos;r bysellau&apos;n aros yr un fath: Y, N ac U yw Ie, Na a Ddim yn gwybod bob amser.</translation>
    </message>
    <message>
        <source>e.g. Anyshire Police</source>
        <translation>e.e. Heddlu Anyshire</translation>
    </message>
    <message>
        <source>Force name</source>
        <translation>Enw&apos;r heddlu</translation>
    </message>
    <message>
        <source> days</source>
        <translation> diwrnod</translation>
    </message>
    <message>
        <source>Keep personal details for</source>
        <translation>Cadw manylion personol am</translation>
    </message>
    <message>
        <source>Names, phone numbers, addresses and free-text notes are removed after this many days. The anonymous record of each call is kept.</source>
        <translation>Caiff enwau, rhifau ffôn, cyfeiriadau a nodiadau testun rhydd eu dileu ar ôl y nifer hwn o ddiwrnodau. Caiff cofnod dienw pob galwad ei gadw.</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> munud</translation>
    </message>
    <message>
        <source>Sign out when idle for</source>
        <translation>Allgofnodi ar ôl bod yn segur am</translation>
    </message>
    <message>
        <source>Between calls, after this long without a key press or click, the handler is signed out and the next person signs in when they start a call (0: never).</source>
        <translation>Rhwng galwadau, ar ôl cyhyd â hyn heb bwyso allwedd na chlicio, caiff y triniwr ei allgofnodi a bydd y person nesaf yn mewngofnodi wrth ddechrau galwad (0: byth).</translation>
    </message>
    <message>
        <source>(not known)</source>
        <translation>(ddim yn hysbys)</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Ffolder data</translation>
    </message>
    <message>
        <source>To use another data folder, start the app with --data-dir FOLDER.</source>
        <translation>I ddefnyddio ffolder data arall, agorwch yr ap gyda --data-dir FFOLDER.</translation>
    </message>
    <message>
        <source>Force configuration</source>
        <translation>Ffurfweddiad yr heddlu</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Cadw&apos;r gosodiadau</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <source>Supervisor: your change is recorded in the audit log</source>
        <translation>Goruchwyliwr: caiff eich newid ei gofnodi yn y log archwilio</translation>
    </message>
    <message>
        <source>✖ Enter your collar number or staff id.</source>
        <translation>✖ Rhowch eich rhif coler neu&apos;ch rhif staff.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Start a new call (mid-call it asks first; Enter stays on the call)</source>
        <translation>Dechrau galwad newydd (yn ystod galwad mae&apos;n gofyn yn gyntaf; mae Enter yn aros ar yr alwad)</translation>
    </message>
    <message>
        <source>Immediate risk: police emergency, from every screen (with no call open it starts one); 1–4 pick a reason, Enter records it</source>
        <translation>Risg uniongyrchol: argyfwng heddlu, o bob sgrin (heb alwad ar agor mae&apos;n dechrau un); mae 1–4 yn dewis rheswm, Enter yn ei gofnodi</translation>
    </message>
    <message>
        <source>Yes / No / Don&apos;t know, on every question that has that answer (choice questions too)</source>
        <translation>Ie / Na / Ddim yn gwybod, ar bob cwestiwn sydd â&apos;r ateb hwnnw (cwestiynau dewis hefyd)</translation>
    </message>
    <message>
        <source>Choose an answer, in the order on screen; on a &apos;tick all that apply&apos; question, tick or untick it</source>
        <translation>Dewis ateb, yn y drefn ar y sgrin; ar gwestiwn &apos;ticiwch bob un sy&apos;n berthnasol&apos;, ticio neu ddad-dicio</translation>
    </message>
    <message>
        <source>Confirm a typed answer, or the ticked answers</source>
        <translation>Cadarnhau ateb wedi&apos;i deipio, neu&apos;r atebion wedi&apos;u ticio</translation>
    </message>
    <message>
        <source>Show or hide &apos;Why we ask&apos;</source>
        <translation>Dangos neu guddio &apos;Pam rydyn ni&apos;n gofyn&apos;</translation>
    </message>
    <message>
        <source>Caller volunteered this answer</source>
        <translation>Y galwr wnaeth gynnig yr ateb hwn</translation>
    </message>
    <message>
        <source>Back to the previous question / return to the latest question</source>
        <translation>Yn ôl i&apos;r cwestiwn blaenorol / yn ôl i&apos;r cwestiwn diweddaraf</translation>
    </message>
    <message>
        <source>Jump to an earlier question to change it</source>
        <translation>Neidio i gwestiwn cynharach i&apos;w newid</translation>
    </message>
    <message>
        <source>To the notes box; there Esc goes back to the question, Ctrl+Enter saves the note and goes back</source>
        <translation>I&apos;r blwch nodiadau; yno mae Esc yn mynd yn ôl i&apos;r cwestiwn, a Ctrl+Enter yn cadw&apos;r nodyn ac yn mynd yn ôl</translation>
    </message>
    <message>
        <source>In the notes box: save the note. After the decision: finish now. On the outcome: finish the call</source>
        <translation>Yn y blwch nodiadau: cadw&apos;r nodyn. Ar ôl y penderfyniad: gorffen nawr. Ar y canlyniad: gorffen yr alwad</translation>
    </message>
    <message>
        <source>After the decision: show or hide the full script</source>
        <translation>Ar ôl y penderfyniad: dangos neu guddio&apos;r sgript lawn</translation>
    </message>
    <message>
        <source>Who is calling: record or change the caller type (the words on screen change to fit)</source>
        <translation>Pwy sy&apos;n galw: cofnodi neu newid y math o alwr (mae&apos;r geiriau ar y sgrin yn newid i&apos;w siwtio)</translation>
    </message>
    <message>
        <source>Caller details: phone number and names (checks for repeat contact on this PC)</source>
        <translation>Manylion y galwr: rhif ffôn ac enwau (yn gwirio am gysylltiad eto ar y cyfrifiadur hwn)</translation>
    </message>
    <message>
        <source>Call language: switch between English and Welsh (Cymraeg) at any moment; the English stays on screen under the Welsh, and Y / N / U keep their meaning</source>
        <translation>Iaith yr alwad: newid rhwng Saesneg a Chymraeg ar unrhyw adeg; mae&apos;r Saesneg yn aros ar y sgrin o dan y Gymraeg, ac mae Y / N / U yn cadw eu hystyr</translation>
    </message>
    <message>
        <source>I have told the caller the outcome (needed to finish)</source>
        <translation>Dywedais y canlyniad wrth y galwr (rhaid cyn gorffen)</translation>
    </message>
    <message>
        <source>Change (override) the outcome, with a reason</source>
        <translation>Newid y canlyniad, gyda rheswm</translation>
    </message>
    <message>
        <source>Copy for the incident log</source>
        <translation>Copïo ar gyfer log y digwyddiad</translation>
    </message>
    <message>
        <source>Hand over the call (e.g. to the mental-health practitioner)</source>
        <translation>Trosglwyddo&apos;r alwad (e.e. i&apos;r ymarferydd iechyd meddwl)</translation>
    </message>
    <message>
        <source>End the call early, with a reason</source>
        <translation>Gorffen yr alwad yn gynnar, gyda rheswm</translation>
    </message>
    <message>
        <source>Find an earlier call</source>
        <translation>Chwilio am alwad gynharach</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <source>Training mode, trainer: start a training session</source>
        <translation>Modd hyfforddi, hyfforddwr: dechrau sesiwn hyfforddi</translation>
    </message>
    <message>
        <source>Training call: play the scenario&apos;s escalation line / hide or show the caller card</source>
        <translation>Galwad hyfforddi: chwarae llinell gwaethygu&apos;r senario / cuddio neu ddangos cerdyn y galwr</translation>
    </message>
    <message>
        <source>Live mode, supervisor: review a sample of live calls</source>
        <translation>Modd byw, goruchwyliwr: adolygu sampl o alwadau byw</translation>
    </message>
    <message>
        <source>Quit (mid-call it asks first; the call stays saved and resumable)</source>
        <translation>Gadael (yn ystod galwad mae&apos;n gofyn yn gyntaf; mae&apos;r alwad yn aros wedi&apos;i chadw a gellir ei hailddechrau)</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>Y cymorth hwn</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>signing in</source>
        <translation>mewngofnodi</translation>
    </message>
    <message>
        <source>signing out after the app was idle</source>
        <translation>allgofnodi ar ôl i&apos;r ap fod yn segur</translation>
    </message>
    <message>
        <source>No supervisor or trainer role</source>
        <translation>Dim rôl goruchwyliwr na hyfforddwr</translation>
    </message>
    <message>
        <source>{staff_id} is not listed as a supervisor or trainer in the force configuration pack.</source>
        <translation>Dydy {staff_id} ddim ar restr goruchwylwyr a hyfforddwyr pecyn ffurfweddu&apos;r heddlu.</translation>
    </message>
    <message>
        <source>This staff id</source>
        <translation>y rhif staff hwn</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>Does dim byd wedi newid.</translation>
    </message>
    <message>
        <source>Change the handler to your own staff id first, or ask IT to add you to the pack&apos;s [roles].</source>
        <translation>Newidiwch y triniwr i&apos;ch rhif staff chi&apos;ch hun yn gyntaf, neu gofynnwch i&apos;r tîm TG eich ychwanegu at [roles] y pecyn.</translation>
    </message>
    <message>
        <source>Import the partner directory</source>
        <translation>Mewnforio&apos;r cyfeiriadur partneriaid</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Ffeiliau CSV (*.csv)</translation>
    </message>
    <message>
        <source>The partner directory was not imported</source>
        <translation>Chafodd y cyfeiriadur partneriaid mo&apos;i fewnforio</translation>
    </message>
    <message>
        <source>Nothing has changed: the directory in use is as it was.</source>
        <translation>Does dim byd wedi newid: mae&apos;r cyfeiriadur sy&apos;n cael ei ddefnyddio fel yr oedd.</translation>
    </message>
    <message>
        <source>Sign in as a supervisor, or correct the file and import it again.</source>
        <translation>Mewngofnodwch fel goruchwyliwr, neu cywirwch y ffeil a&apos;i mewnforio eto.</translation>
    </message>
    <message>
        <source>Partner directory imported: {n} services.</source>
        <translation>Cyfeiriadur partneriaid wedi&apos;i fewnforio: {n} gwasanaeth.</translation>
    </message>
    <message>
        <source>Not a {role}</source>
        <translation>Ddim ar y rhestr: {role}</translation>
    </message>
    <message>
        <source>{staff_id} is not listed as a {role} in the force configuration pack.</source>
        <translation>Dydy {staff_id} ddim ar restr &apos;{role}&apos; pecyn ffurfweddu&apos;r heddlu.</translation>
    </message>
    <message>
        <source>Nothing has changed: you keep your current role.</source>
        <translation>Does dim byd wedi newid: rydych chi&apos;n cadw eich rôl bresennol.</translation>
    </message>
    <message>
        <source>Ask IT to add you to the pack&apos;s [roles] if you should have this role.</source>
        <translation>Gofynnwch i&apos;r tîm TG eich ychwanegu at [roles] y pecyn os dylai&apos;r rôl hon fod gennych chi.</translation>
    </message>
    <message>
        <source>Not signed in as {role}</source>
        <translation>Heb fewngofnodi fel {role}</translation>
    </message>
    <message>
        <source>Try again, or ask another supervisor.</source>
        <translation>Rhowch gynnig arall arni, neu gofynnwch i oruchwyliwr arall.</translation>
    </message>
    <message>
        <source>Signed in as {role} ({staff_id}) until the app closes or the handler changes.</source>
        <translation>Wedi mewngofnodi fel {role} ({staff_id}) nes bydd yr ap yn cau neu&apos;r triniwr yn newid.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Ready for the next call</source>
        <translation>Yn barod am yr alwad nesaf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Taking calls as</source>
        <translation>Yn derbyn galwadau fel</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Newid…</translation>
    </message>
    <message>
        <source>Change who is taking calls</source>
        <translation>Newid pwy sy&apos;n derbyn galwadau</translation>
    </message>
    <message>
        <source>Start a new call  (Ctrl+N)</source>
        <translation>Dechrau galwad newydd  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Start a new call</source>
        <translation>Dechrau galwad newydd</translation>
    </message>
    <message>
        <source>The first questions check for a risk to life and for crime. Press F9 at any point if there is an immediate risk.</source>
        <translation>Mae&apos;r cwestiynau cyntaf yn gwirio am risg i fywyd ac am drosedd. Pwyswch F9 ar unrhyw adeg os oes risg uniongyrchol.</translation>
    </message>
    <message>
        <source>Calls not finished</source>
        <translation>Galwadau heb eu gorffen</translation>
    </message>
    <message>
        <source>Resume selected call</source>
        <translation>Ailddechrau&apos;r alwad a ddewiswyd</translation>
    </message>
    <message>
        <source>Find an earlier call  (Ctrl+F)</source>
        <translation>Chwilio am alwad gynharach  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find an earlier call</source>
        <translation>Chwilio am alwad gynharach</translation>
    </message>
    <message>
        <source>Opening the call database and flows…</source>
        <translation>Wrthi&apos;n agor cronfa ddata&apos;r galwadau a&apos;r llifoedd…</translation>
    </message>
    <message>
        <source>, signed in at {time}</source>
        <translation>, wedi mewngofnodi am {time}</translation>
    </message>
    <message>
        <source>Taking calls as &lt;b&gt;{role} {handler}&lt;/b&gt;{at}</source>
        <translation>Yn derbyn galwadau fel &lt;b&gt;{role} {handler}&lt;/b&gt;{at}</translation>
    </message>
    <message>
        <source>Nobody is signed in to take calls. You will be asked who you are when you start a call.</source>
        <translation>Does neb wedi mewngofnodi i dderbyn galwadau. Bydd yr ap yn gofyn pwy ydych chi pan fyddwch chi&apos;n dechrau galwad.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Mewngofnodi…</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>reconcile mismatch</source>
        <translation>anghysondeb wrth gysoni</translation>
    </message>
    <message>
        <source>Sync: not set up (Tools ▸ Sync settings…)</source>
        <translation>Cysoni: heb ei osod (Offer ▸ Gosodiadau cysoni…)</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wrthi&apos;n anfon…</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} yn aros</translation>
    </message>
    <message>
        <source>last sent {time}</source>
        <translation>anfonwyd ddiwethaf {time}</translation>
    </message>
    <message>
        <source>nothing to send (checked {time})</source>
        <translation>dim byd i&apos;w anfon (gwiriwyd {time})</translation>
    </message>
    <message>
        <source>nothing sent yet</source>
        <translation>dim byd wedi&apos;i anfon eto</translation>
    </message>
    <message>
        <source>error {error}</source>
        <translation>gwall {error}</translation>
    </message>
    <message>
        <source>Sync: </source>
        <translation>Cysoni: </translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Sync settings</source>
        <translation>Gosodiadau cysoni</translation>
    </message>
    <message>
        <source>Collector URL</source>
        <translation>URL y casglwr</translation>
    </message>
    <message>
        <source>leave blank to keep the saved token</source>
        <translation>gadewch yn wag i gadw&apos;r tocyn sydd wedi&apos;i gadw</translation>
    </message>
    <message>
        <source>Device token</source>
        <translation>Tocyn y ddyfais</translation>
    </message>
    <message>
        <source>optional: file of trusted CA certificates (PEM)</source>
        <translation>dewisol: ffeil o dystysgrifau CA dibynadwy (PEM)</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Bwndel CA</translation>
    </message>
    <message>
        <source> min</source>
        <translation> munud</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Cysoni bob</translation>
    </message>
    <message>
        <source>Collector &amp;URL</source>
        <translation>&amp;URL y casglwr</translation>
    </message>
    <message>
        <source>Device &amp;token</source>
        <translation>&amp;Tocyn y ddyfais</translation>
    </message>
    <message>
        <source>&amp;CA bundle</source>
        <translation>Bwndel &amp;CA</translation>
    </message>
    <message>
        <source>Sync &amp;every</source>
        <translation>Cysoni &amp;bob</translation>
    </message>
    <message>
        <source>Problem with these settings</source>
        <translation>Problem gyda&apos;r gosodiadau hyn</translation>
    </message>
    <message>
        <source>Only anonymised summaries are sent: no names, numbers, addresses, notes or handler ids.</source>
        <translation>Dim ond crynodebau dienw sy&apos;n cael eu hanfon: dim enwau, rhifau, cyfeiriadau, nodiadau na rhifau trinwyr.</translation>
    </message>
    <message>
        <source>The collector URL must start with https:// (plain http:// only for a test collector on this PC: 127.0.0.1 or localhost).</source>
        <translation>Rhaid i URL y casglwr ddechrau gyda https:// (http:// plaen dim ond ar gyfer casglwr prawf ar y cyfrifiadur hwn: 127.0.0.1 neu localhost).</translation>
    </message>
    <message>
        <source>The CA bundle file does not exist.</source>
        <translation>Dydy ffeil y bwndel CA ddim yn bodoli.</translation>
    </message>
    <message>
        <source>Not saved: </source>
        <translation>Heb ei gadw: </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Sync status</source>
        <translation>Statws cysoni</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Cysoni nawr</translation>
    </message>
    <message>
        <source>Send finished calls&apos; anonymised summaries to the force collector now</source>
        <translation>Anfon crynodebau dienw&apos;r galwadau sydd wedi gorffen at gasglwr yr heddlu nawr</translation>
    </message>
</context>
<context>
    <name>TrainerReportWindow</name>
    <message>
        <source>Trainer report — TRAINING: not a real call — triage-desktop</source>
        <translation>Adroddiad yr hyfforddwr — HYFFORDDIANT: nid galwad go iawn — triage-desktop</translation>
    </message>
    <message>
        <source>⚠ TRAINING: not a real call. Trainer report over the training results stored on this PC (and results imported from other PCs).</source>
        <translation>⚠ HYFFORDDIANT: nid galwad go iawn. Adroddiad yr hyfforddwr ar y canlyniadau hyfforddi sydd wedi&apos;u cadw ar y cyfrifiadur hwn (a chanlyniadau wedi&apos;u mewnforio o gyfrifiaduron eraill).</translation>
    </message>
    <message>
        <source>Results from (date)</source>
        <translation>Canlyniadau o (dyddiad)</translation>
    </message>
    <message>
        <source>Results up to (date)</source>
        <translation>Canlyniadau hyd at (dyddiad)</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Hyfforddai</translation>
    </message>
    <message>
        <source>From</source>
        <translation>O</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hyd at</translation>
    </message>
    <message>
        <source>Results per trainee and for the cohort</source>
        <translation>Canlyniadau fesul hyfforddai ac ar gyfer y garfan</translation>
    </message>
    <message>
        <source>Scenarios taken</source>
        <translation>Senarios wedi&apos;u cymryd</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Cyfradd pasio</translation>
    </message>
    <message>
        <source>Critical deviations</source>
        <translation>Gwyriadau critigol</translation>
    </message>
    <message>
        <source>Median time to decision</source>
        <translation>Amser canolrif i benderfynu</translation>
    </message>
    <message>
        <source>Mean score</source>
        <translation>Sgôr gymedrig</translation>
    </message>
    <message>
        <source>Ready for live</source>
        <translation>Yn barod ar gyfer galwadau byw</translation>
    </message>
    <message>
        <source>Trend chart: mean score and pass rate by week</source>
        <translation>Siart tuedd: sgôr gymedrig a chyfradd pasio fesul wythnos</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>Allforio &amp;PDF…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Allforio C&amp;SV…</translation>
    </message>
    <message>
        <source>&amp;Import results (CSV)…</source>
        <translation>&amp;Mewnforio canlyniadau (CSV)…</translation>
    </message>
    <message>
        <source>Everyone (cohort)</source>
        <translation>Pawb (y garfan)</translation>
    </message>
    <message>
        <source>{n} result(s) from {start} to {end}.</source>
        <translation>{n} canlyniad o {start} i {end}.</translation>
    </message>
    <message>
        <source>Ready for live: {n} clean passes per pathway.</source>
        <translation>Yn barod ar gyfer galwadau byw: {n} pas glân i bob llwybr.</translation>
    </message>
    <message>
        <source>Save the trainer report as PDF</source>
        <translation>Cadw adroddiad yr hyfforddwr fel PDF</translation>
    </message>
    <message>
        <source>Saved the PDF: {path}</source>
        <translation>Wedi cadw&apos;r PDF: {path}</translation>
    </message>
    <message>
        <source>Save the results as CSV</source>
        <translation>Cadw&apos;r canlyniadau fel CSV</translation>
    </message>
    <message>
        <source>Saved {n} result(s) to {path} (no personal data).</source>
        <translation>Wedi cadw {n} canlyniad i {path} (dim data personol).</translation>
    </message>
    <message>
        <source>Import results from another PC</source>
        <translation>Mewnforio canlyniadau o gyfrifiadur arall</translation>
    </message>
    <message>
        <source>Results not imported</source>
        <translation>Chafodd y canlyniadau mo&apos;u mewnforio</translation>
    </message>
    <message>
        <source>Nothing from that file was added.</source>
        <translation>Does dim byd o&apos;r ffeil honno wedi&apos;i ychwanegu.</translation>
    </message>
    <message>
        <source>Export the file again on the other PC (Trainer report ▸ Export CSV).</source>
        <translation>Allforiwch y ffeil eto ar y cyfrifiadur arall (Adroddiad yr hyfforddwr ▸ Allforio CSV).</translation>
    </message>
    <message>
        <source>Imported {added} result(s); {dup} were already here.</source>
        <translation>Wedi mewnforio {added} canlyniad; roedd {dup} yma&apos;n barod.</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>Foundation</source>
        <translation>Sylfaen</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Canolradd</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Uwch</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>CRITIGOL</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Mawr</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Bach</translation>
    </message>
    <message>
        <source> · escalation</source>
        <translation> · gwaethygu</translation>
    </message>
</context>
<context>
    <name>TrainingHooks</name>
    <message>
        <source>T&amp;raining</source>
        <translation>&amp;Hyfforddiant</translation>
    </message>
    <message>
        <source>&amp;Start a training session…</source>
        <translation>&amp;Dechrau sesiwn hyfforddi…</translation>
    </message>
    <message>
        <source>Trainer &amp;report…</source>
        <translation>&amp;Adroddiad yr hyfforddwr…</translation>
    </message>
    <message>
        <source>&amp;New scenario…</source>
        <translation>&amp;Senario newydd…</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Adolygu</translation>
    </message>
    <message>
        <source>&amp;Review live calls (supervisor)…</source>
        <translation>&amp;Adolygu galwadau byw (goruchwyliwr)…</translation>
    </message>
    <message>
        <source>Only a {role} can {what}</source>
        <translation>Dim ond {role} sy&apos;n gallu {what}</translation>
    </message>
    <message>
        <source>The person signed in is not a {role}.</source>
        <translation>Dydy&apos;r person sydd wedi mewngofnodi ddim yn {role}.</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>Does dim byd wedi newid.</translation>
    </message>
    <message>
        <source>Sign in as a {role} (Tools ▸ Sign in as supervisor or trainer, with a force pack; else Tools ▸ Change handler) and try again.</source>
        <translation>Mewngofnodwch fel {role} (Offer ▸ Mewngofnodi fel goruchwyliwr neu hyfforddwr, gyda phecyn heddlu; fel arall Offer ▸ Newid y triniwr) a rhowch gynnig arall arni.</translation>
    </message>
    <message>
        <source>start a training session</source>
        <translation>dechrau sesiwn hyfforddi</translation>
    </message>
    <message>
        <source>Finish this call first</source>
        <translation>Gorffennwch yr alwad hon yn gyntaf</translation>
    </message>
    <message>
        <source>A call is open.</source>
        <translation>Mae galwad ar agor.</translation>
    </message>
    <message>
        <source>It is saved.</source>
        <translation>Mae hi wedi&apos;i chadw.</translation>
    </message>
    <message>
        <source>Finish it, then start the session.</source>
        <translation>Gorffennwch hi, yna dechreuwch y sesiwn.</translation>
    </message>
    <message>
        <source>scoring the training call</source>
        <translation>sgorio&apos;r alwad hyfforddi</translation>
    </message>
    <message>
        <source>A resumed training call</source>
        <translation>Galwad hyfforddi wedi&apos;i hailddechrau</translation>
    </message>
    <message>
        <source>Back to the start page  (Enter)</source>
        <translation>Yn ôl i&apos;r dudalen gychwyn  (Enter)</translation>
    </message>
    <message>
        <source>Back to the start page</source>
        <translation>Yn ôl i&apos;r dudalen gychwyn</translation>
    </message>
    <message>
        <source>open the trainer report</source>
        <translation>agor adroddiad yr hyfforddwr</translation>
    </message>
    <message>
        <source>add a scenario</source>
        <translation>ychwanegu senario</translation>
    </message>
    <message>
        <source>Scenario saved and checked: {path}</source>
        <translation>Senario wedi&apos;i gadw a&apos;i wirio: {path}</translation>
    </message>
    <message>
        <source>review calls</source>
        <translation>adolygu galwadau</translation>
    </message>
    <message>
        <source>acknowledging the query</source>
        <translation>cydnabod yr ymholiad</translation>
    </message>
</context>
<context>
    <name>TrainingMarks</name>
    <message>
        <source>⚠ TRAINING: not a real call. Mock calls only: nothing here is a real call or is synced.</source>
        <translation>⚠ HYFFORDDIANT: nid galwad go iawn. Galwadau ffug yn unig: does dim byd yma&apos;n alwad go iawn nac yn cael ei gysoni.</translation>
    </message>
    <message>
        <source>Training mode</source>
        <translation>Modd hyfforddi</translation>
    </message>
</context>
<context>
    <name>TrainingRun</name>
    <message>
        <source>Caller card (trainer)</source>
        <translation>Cerdyn y galwr (hyfforddwr)</translation>
    </message>
    <message>
        <source>Caller card</source>
        <translation>Cerdyn y galwr</translation>
    </message>
    <message>
        <source>Call {n} of {total} in this session</source>
        <translation>Galwad {n} o {total} yn y sesiwn hon</translation>
    </message>
    <message>
        <source>starting the training call</source>
        <translation>dechrau&apos;r alwad hyfforddi</translation>
    </message>
    <message>
        <source>playing the escalation line</source>
        <translation>chwarae llinell y gwaethygu</translation>
    </message>
    <message>
        <source>(The caller has just said the escalation line: below.)</source>
        <translation>(Mae&apos;r galwr newydd ddweud llinell y gwaethygu: isod.)</translation>
    </message>
    <message>
        <source>⚠ The escalation comes here: press F8 and read the caller&apos;s new line.</source>
        <translation>⚠ Mae&apos;r gwaethygu&apos;n dod yma: pwyswch F8 a darllenwch linell newydd y galwr.</translation>
    </message>
    <message>
        <source>(No question on screen)</source>
        <translation>(Dim cwestiwn ar y sgrin)</translation>
    </message>
    <message>
        <source>Fact: {fact}</source>
        <translation>Ffaith: {fact}</translation>
    </message>
    <message>
        <source>scoring the training call</source>
        <translation>sgorio&apos;r alwad hyfforddi</translation>
    </message>
    <message>
        <source>Training session finished: {n} call(s) scored. See Training ▸ Trainer report.</source>
        <translation>Sesiwn hyfforddi wedi gorffen: {n} galwad wedi&apos;u sgorio. Gweler Hyfforddiant ▸ Adroddiad yr hyfforddwr.</translation>
    </message>
</context>
<context>
    <name>TrainingSessionDialog</name>
    <message>
        <source>Start a training session — TRAINING: not a real call</source>
        <translation>Dechrau sesiwn hyfforddi — HYFFORDDIANT: nid galwad go iawn</translation>
    </message>
    <message>
        <source>TRAINING: not a real call. Each trainee takes each chosen scenario in turn, in the normal call screen. Results are kept on this PC&apos;s training database only.</source>
        <translation>HYFFORDDIANT: nid galwad go iawn. Mae pob hyfforddai yn cymryd pob senario a ddewiswyd yn ei dro, yn y sgrin galwadau arferol. Caiff y canlyniadau eu cadw yng nghronfa ddata hyfforddi&apos;r cyfrifiadur hwn yn unig.</translation>
    </message>
    <message>
        <source>Trainee staff ids</source>
        <translation>Rhifau staff yr hyfforddeion</translation>
    </message>
    <message>
        <source>e.g. 4512, 4519 (staff ids, comma separated)</source>
        <translation>e.e. 4512, 4519 (rhifau staff, wedi&apos;u gwahanu gan goma)</translation>
    </message>
    <message>
        <source>&amp;Trainees (staff ids)</source>
        <translation>&amp;Hyfforddeion (rhifau staff)</translation>
    </message>
    <message>
        <source>Library on this PC: {summary}</source>
        <translation>Y llyfrgell ar y cyfrifiadur hwn: {summary}</translation>
    </message>
    <message>
        <source>Scenarios (Space ticks the selected one)</source>
        <translation>Senarios (mae Bylchwr yn ticio&apos;r un a ddewiswyd)</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Senarios</translation>
    </message>
    <message>
        <source>Draw from pathway</source>
        <translation>Tynnu o&apos;r llwybr</translation>
    </message>
    <message>
        <source>Any pathway</source>
        <translation>Unrhyw lwybr</translation>
    </message>
    <message>
        <source>Draw at difficulty</source>
        <translation>Tynnu ar lefel anhawster</translation>
    </message>
    <message>
        <source>Any difficulty</source>
        <translation>Unrhyw anhawster</translation>
    </message>
    <message>
        <source>How many to draw</source>
        <translation>Faint i&apos;w tynnu</translation>
    </message>
    <message>
        <source>&amp;Random draw</source>
        <translation>&amp;Tynnu ar hap</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Tynnu</translation>
    </message>
    <message>
        <source>&amp;Reveal each caller reply only when the trainee asks its question</source>
        <translation>&amp;Datgelu pob ateb gan y galwr dim ond pan fydd yr hyfforddai&apos;n gofyn ei gwestiwn</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Dechrau&apos;r sesiwn</translation>
    </message>
    <message>
        <source>No scenario fits that pathway and difficulty.</source>
        <translation>Does dim senario sy&apos;n cyd-fynd â&apos;r llwybr a&apos;r anhawster hwnnw.</translation>
    </message>
    <message>
        <source>Type at least one trainee&apos;s staff id.</source>
        <translation>Teipiwch rif staff o leiaf un hyfforddai.</translation>
    </message>
    <message>
        <source>Tick at least one scenario, or use Random draw.</source>
        <translation>Ticiwch o leiaf un senario, neu defnyddiwch Tynnu ar hap.</translation>
    </message>
</context>
<context>
    <name>Vocab</name>
    <message>
        <source>Call handler</source>
        <translation>Triniwr galwadau</translation>
    </message>
    <message>
        <source>Mental-health practitioner</source>
        <translation>Ymarferydd iechyd meddwl</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Goruchwyliwr</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Hyfforddwr</translation>
    </message>
    <message>
        <source>Entry triage</source>
        <translation>Brysbennu cychwynnol</translation>
    </message>
    <message>
        <source>Concern for welfare</source>
        <translation>Pryder am les</translation>
    </message>
    <message>
        <source>Walk-out from a health setting</source>
        <translation>Wedi gadael lleoliad iechyd</translation>
    </message>
    <message>
        <source>Absent without leave (detained patient)</source>
        <translation>Absennol heb ganiatâd (claf sy&apos;n cael ei gadw)</translation>
    </message>
    <message>
        <source>Medical transport / conveyance</source>
        <translation>Cludiant meddygol / cludo</translation>
    </message>
    <message>
        <source>Section 136 handover</source>
        <translation>Trosglwyddo o dan adran 136</translation>
    </message>
    <message>
        <source>Caller in crisis / suicide risk</source>
        <translation>Galwr mewn argyfwng / risg hunanladdiad</translation>
    </message>
    <message>
        <source>Real and immediate risk to life</source>
        <translation>Risg wirioneddol ac uniongyrchol i fywyd</translation>
    </message>
    <message>
        <source>Real and immediate risk of serious harm</source>
        <translation>Risg wirioneddol ac uniongyrchol o niwed difrifol</translation>
    </message>
    <message>
        <source>Crime occurring or occurred</source>
        <translation>Trosedd yn digwydd neu wedi digwydd</translation>
    </message>
    <message>
        <source>Weapon mentioned</source>
        <translation>Sôn am arf</translation>
    </message>
    <message>
        <source>Person is under 18</source>
        <translation>Mae&apos;r person o dan 18</translation>
    </message>
    <message>
        <source>Detained under the Mental Health Act</source>
        <translation>Yn cael ei gadw o dan y Ddeddf Iechyd Meddwl</translation>
    </message>
    <message>
        <source>Self-harm</source>
        <translation>Hunan-niweidio</translation>
    </message>
    <message>
        <source>Medical emergency</source>
        <translation>Argyfwng meddygol</translation>
    </message>
    <message>
        <source>Concern about mental capacity</source>
        <translation>Pryder am alluedd meddyliol</translation>
    </message>
    <message>
        <source>Violence or threat of violence</source>
        <translation>Trais neu fygythiad o drais</translation>
    </message>
    <message>
        <source>Caller is a health or care professional</source>
        <translation>Mae&apos;r galwr yn weithiwr iechyd neu ofal proffesiynol</translation>
    </message>
    <message>
        <source>Rated high risk</source>
        <translation>Wedi&apos;i asesu&apos;n risg uchel</translation>
    </message>
    <message>
        <source>Past the one-hour handover expectation</source>
        <translation>Wedi mynd heibio&apos;r disgwyliad o drosglwyddo o fewn awr</translation>
    </message>
    <message>
        <source>Means of harm available</source>
        <translation>Modd o wneud niwed ar gael</translation>
    </message>
    <message>
        <source>Person is alone</source>
        <translation>Mae&apos;r person ar ei ben ei hun</translation>
    </message>
    <message>
        <source>Location unknown</source>
        <translation>Lleoliad ddim yn hysbys</translation>
    </message>
    <message>
        <source>Vulnerable adult</source>
        <translation>Oedolyn agored i niwed</translation>
    </message>
    <message>
        <source>Warrant needed (s135)</source>
        <translation>Angen gwarant (adran 135)</translation>
    </message>
    <message>
        <source>Immediate-risk button used</source>
        <translation>Defnyddiwyd y botwm risg uniongyrchol</translation>
    </message>
    <message>
        <source>The caller is the person at risk</source>
        <translation>Y galwr yw&apos;r person sydd mewn perygl</translation>
    </message>
    <message>
        <source>The caller is with the person now</source>
        <translation>Mae&apos;r galwr gyda&apos;r person nawr</translation>
    </message>
    <message>
        <source>Restricted patient (e.g. s37/41, s47/49)</source>
        <translation>Claf cyfyngedig (e.e. adran 37/41, adran 47/49)</translation>
    </message>
    <message>
        <source>Mental distress reported (no immediate danger)</source>
        <translation>Sôn am drallod meddwl (dim perygl uniongyrchol)</translation>
    </message>
    <message>
        <source>Mental Health Act assessment requested</source>
        <translation>Cais am asesiad o dan y Ddeddf Iechyd Meddwl</translation>
    </message>
    <message>
        <source>Known to the crisis team or has a crisis care plan</source>
        <translation>Yn hysbys i&apos;r tîm argyfwng neu â chynllun gofal argyfwng</translation>
    </message>
    <message>
        <source>Caller&apos;s information is second-hand or not current</source>
        <translation>Gwybodaeth y galwr yn ail-law neu ddim yn gyfredol</translation>
    </message>
    <message>
        <source>The person is thought to be at a known address</source>
        <translation>Credir bod y person mewn cyfeiriad hysbys</translation>
    </message>
    <message>
        <source>The person at risk (themselves)</source>
        <translation>Y person sydd mewn perygl (nhw eu hunain)</translation>
    </message>
    <message>
        <source>Person at risk</source>
        <translation>Person mewn perygl</translation>
    </message>
    <message>
        <source>Family, friend or member of the public</source>
        <translation>Teulu, ffrind neu aelod o&apos;r cyhoedd</translation>
    </message>
    <message>
        <source>Family / friend / public</source>
        <translation>Teulu / ffrind / y cyhoedd</translation>
    </message>
    <message>
        <source>Health professional: A&amp;E or ward</source>
        <translation>Gweithiwr iechyd proffesiynol: adran achosion brys neu ward</translation>
    </message>
    <message>
        <source>A&amp;E / ward</source>
        <translation>Achosion brys / ward</translation>
    </message>
    <message>
        <source>Mental-health unit</source>
        <translation>Uned iechyd meddwl</translation>
    </message>
    <message>
        <source>Community mental-health or care team</source>
        <translation>Tîm iechyd meddwl cymunedol neu dîm gofal</translation>
    </message>
    <message>
        <source>Community team</source>
        <translation>Tîm cymunedol</translation>
    </message>
    <message>
        <source>GP surgery</source>
        <translation>Meddygfa</translation>
    </message>
    <message>
        <source>Care home / care provider</source>
        <translation>Cartref gofal / darparwr gofal</translation>
    </message>
    <message>
        <source>Care provider</source>
        <translation>Darparwr gofal</translation>
    </message>
    <message>
        <source>Ambulance service</source>
        <translation>Gwasanaeth ambiwlans</translation>
    </message>
    <message>
        <source>Police officer (e.g. at a place of safety)</source>
        <translation>Swyddog heddlu (e.e. mewn man diogel)</translation>
    </message>
    <message>
        <source>Police officer</source>
        <translation>Swyddog heddlu</translation>
    </message>
    <message>
        <source>The person at risk</source>
        <translation>Y person sydd mewn perygl</translation>
    </message>
    <message>
        <source>Third party (family, friend, public)</source>
        <translation>Trydydd parti (teulu, ffrind, y cyhoedd)</translation>
    </message>
    <message>
        <source>Professional (health, care, ambulance, police)</source>
        <translation>Proffesiynol (iechyd, gofal, ambiwlans, heddlu)</translation>
    </message>
    <message>
        <source>NHS 111 option 2 (mental-health crisis line)</source>
        <translation>GIG 111 pwyso 2 (llinell argyfwng iechyd meddwl)</translation>
    </message>
    <message>
        <source>Crisis resolution and home treatment team</source>
        <translation>Y tîm argyfwng a thriniaeth yn y cartref</translation>
    </message>
    <message>
        <source>Approved mental-health professional (AMHP) service</source>
        <translation>Gwasanaeth gweithwyr iechyd meddwl proffesiynol cymeradwy (AMHP)</translation>
    </message>
    <message>
        <source>Control-room mental-health practitioner</source>
        <translation>Ymarferydd iechyd meddwl yr ystafell reoli</translation>
    </message>
    <message>
        <source>Street triage team</source>
        <translation>Tîm brysbennu ar y stryd</translation>
    </message>
    <message>
        <source>Adult social care</source>
        <translation>Gofal cymdeithasol oedolion</translation>
    </message>
    <message>
        <source>Children&apos;s services (safeguarding)</source>
        <translation>Gwasanaethau plant (diogelu)</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Meddyg teulu</translation>
    </message>
    <message>
        <source>On-call health manager</source>
        <translation>Rheolwr iechyd ar alwad</translation>
    </message>
    <message>
        <source>Police supervisor (duty inspector)</source>
        <translation>Goruchwyliwr yr heddlu (arolygydd ar ddyletswydd)</translation>
    </message>
    <message>
        <source>Health-based place of safety</source>
        <translation>Man diogel mewn lleoliad iechyd</translation>
    </message>
    <message>
        <source>The mental-health ward or unit</source>
        <translation>Y ward neu&apos;r uned iechyd meddwl</translation>
    </message>
    <message>
        <source>Ministry of Justice mental health casework section (restricted patients)</source>
        <translation>Adran gwaith achos iechyd meddwl y Weinyddiaeth Gyfiawnder (cleifion cyfyngedig)</translation>
    </message>
    <message>
        <source>Samaritans</source>
        <translation>Y Samariaid</translation>
    </message>
    <message>
        <source>Caller says someone is being attacked or threatened now</source>
        <translation>Y galwr yn dweud bod rhywun yn cael ymosod arno neu&apos;n cael ei fygwth nawr</translation>
    </message>
    <message>
        <source>Weapon mentioned and person is with others</source>
        <translation>Sôn am arf ac mae&apos;r person gyda phobl eraill</translation>
    </message>
    <message>
        <source>Person says they are about to harm themselves</source>
        <translation>Y person yn dweud eu bod ar fin niweidio&apos;u hunain</translation>
    </message>
    <message>
        <source>Caller screaming / call cut off in distress</source>
        <translation>Galwr yn sgrechian / yr alwad wedi torri mewn trallod</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>Heb ei gofnodi eto</translation>
    </message>
    <message>
        <source>caller with the person</source>
        <translation>y galwr gyda&apos;r person</translation>
    </message>
    <message>
        <source>call finished first</source>
        <translation>daeth yr alwad i ben yn gyntaf</translation>
    </message>
    <message>
        <source>immediate risk recorded before it was asked</source>
        <translation>risg uniongyrchol wedi&apos;i chofnodi cyn iddo gael ei ofyn</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>Bygythiad</translation>
    </message>
    <message>
        <source>Harm</source>
        <translation>Niwed</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risg</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>Ymchwiliad</translation>
    </message>
    <message>
        <source>Vulnerability</source>
        <translation>Bregusrwydd</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Ymgysylltu</translation>
    </message>
    <message>
        <source>police emergency</source>
        <translation>argyfwng yr heddlu</translation>
    </message>
    <message>
        <source>police priority</source>
        <translation>blaenoriaeth yr heddlu</translation>
    </message>
    <message>
        <source>police scheduled</source>
        <translation>yr heddlu ar amser wedi&apos;i drefnu</translation>
    </message>
    <message>
        <source>police support a health-led response</source>
        <translation>yr heddlu&apos;n cefnogi ymateb dan arweiniad iechyd</translation>
    </message>
    <message>
        <source>ambulance service</source>
        <translation>y gwasanaeth ambiwlans</translation>
    </message>
    <message>
        <source>the calling health or care provider</source>
        <translation>y darparwr iechyd neu ofal sy&apos;n galw</translation>
    </message>
    <message>
        <source>NHS 111 option 2 / crisis line</source>
        <translation>GIG 111 pwyso 2 / llinell argyfwng</translation>
    </message>
    <message>
        <source>control-room mental-health practitioner</source>
        <translation>ymarferydd iechyd meddwl yr ystafell reoli</translation>
    </message>
    <message>
        <source>crisis resolution / home treatment team</source>
        <translation>y tîm argyfwng a thriniaeth yn y cartref</translation>
    </message>
    <message>
        <source>adult social care / children&apos;s services</source>
        <translation>gofal cymdeithasol oedolion / gwasanaethau plant</translation>
    </message>
    <message>
        <source>GP / NHS 111</source>
        <translation>meddyg teulu / GIG 111</translation>
    </message>
    <message>
        <source>advice given</source>
        <translation>cyngor wedi&apos;i roi</translation>
    </message>
    <message>
        <source>police s136 handover escalation</source>
        <translation>uwchgyfeirio trosglwyddo adran 136 yr heddlu</translation>
    </message>
    <message>
        <source>AMHP service</source>
        <translation>gwasanaeth AMHP</translation>
    </message>
    <message>
        <source>officers on scene hand over and leave</source>
        <translation>swyddogion yn y fan a&apos;r lle yn trosglwyddo ac yn gadael</translation>
    </message>
    <message>
        <source>pathway not yet under RCRP</source>
        <translation>llwybr sydd ddim o dan RCRP eto</translation>
    </message>
    <message>
        <source>Police: emergency (grade 1)</source>
        <translation>Heddlu: argyfwng (gradd 1)</translation>
    </message>
    <message>
        <source>Police: priority (grade 2)</source>
        <translation>Heddlu: blaenoriaeth (gradd 2)</translation>
    </message>
    <message>
        <source>Police: scheduled (grade 3)</source>
        <translation>Heddlu: wedi&apos;i drefnu (gradd 3)</translation>
    </message>
    <message>
        <source>Police: support a health-led response</source>
        <translation>Heddlu: cefnogi ymateb dan arweiniad iechyd</translation>
    </message>
    <message>
        <source>Agency: ambulance service</source>
        <translation>Asiantaeth: y gwasanaeth ambiwlans</translation>
    </message>
    <message>
        <source>Agency: the calling health or care provider</source>
        <translation>Asiantaeth: y darparwr iechyd neu ofal sy&apos;n galw</translation>
    </message>
    <message>
        <source>Agency: NHS 111 option 2 / crisis line</source>
        <translation>Asiantaeth: GIG 111 pwyso 2 / llinell argyfwng</translation>
    </message>
    <message>
        <source>Agency: control-room mental-health practitioner</source>
        <translation>Asiantaeth: ymarferydd iechyd meddwl yr ystafell reoli</translation>
    </message>
    <message>
        <source>Agency: crisis resolution / home treatment team</source>
        <translation>Asiantaeth: y tîm argyfwng a thriniaeth yn y cartref</translation>
    </message>
    <message>
        <source>Agency: adult social care / children&apos;s services</source>
        <translation>Asiantaeth: gofal cymdeithasol oedolion / gwasanaethau plant</translation>
    </message>
    <message>
        <source>Agency: GP / NHS 111</source>
        <translation>Asiantaeth: meddyg teulu / GIG 111</translation>
    </message>
    <message>
        <source>No deployment: advice given (grade 4)</source>
        <translation>Dim swyddogion yn cael eu hanfon: cyngor wedi&apos;i roi (gradd 4)</translation>
    </message>
    <message>
        <source>Police: s136 handover escalation</source>
        <translation>Heddlu: uwchgyfeirio trosglwyddo adran 136</translation>
    </message>
    <message>
        <source>Agency: AMHP service (Mental Health Act assessment)</source>
        <translation>Asiantaeth: gwasanaeth AMHP (asesiad o dan y Ddeddf Iechyd Meddwl)</translation>
    </message>
    <message>
        <source>Police: officers on scene hand over and leave</source>
        <translation>Heddlu: swyddogion yn y fan a&apos;r lle yn trosglwyddo ac yn gadael</translation>
    </message>
    <message>
        <source>Force procedure: pathway not yet under RCRP</source>
        <translation>Gweithdrefn yr heddlu: llwybr sydd ddim o dan RCRP eto</translation>
    </message>
    <message>
        <source>Threshold met, immediate: risk to life or serious harm now, or crime in progress.</source>
        <translation>Wedi cyrraedd y trothwy, uniongyrchol: risg i fywyd neu niwed difrifol nawr, neu drosedd yn digwydd.</translation>
    </message>
    <message>
        <source>Threshold met, not immediate: e.g. high-risk AWOL, crime just occurred.</source>
        <translation>Wedi cyrraedd y trothwy, ddim yn uniongyrchol: e.e. AWOL risg uchel, trosedd newydd ddigwydd.</translation>
    </message>
    <message>
        <source>A crime to investigate with no immediate risk.</source>
        <translation>Trosedd i ymchwilio iddi heb risg uniongyrchol.</translation>
    </message>
    <message>
        <source>Police assist a health-led response: s135 warrant, violence risk during conveyance or at a place of safety.</source>
        <translation>Yr heddlu&apos;n cynorthwyo ymateb dan arweiniad iechyd: gwarant adran 135, risg o drais wrth gludo neu mewn man diogel.</translation>
    </message>
    <message>
        <source>Medical emergency without a police need: transfer to the ambulance service.</source>
        <translation>Argyfwng meddygol heb angen yr heddlu: trosglwyddo i&apos;r gwasanaeth ambiwlans.</translation>
    </message>
    <message>
        <source>The calling health or care provider holds the duty: handed back with advice.</source>
        <translation>Y darparwr iechyd neu ofal sy&apos;n galw sydd â&apos;r ddyletswydd: wedi&apos;i throsglwyddo&apos;n ôl gyda chyngor.</translation>
    </message>
    <message>
        <source>Warm transfer or signpost to NHS 111 option 2 / the local 24-hour crisis line.</source>
        <translation>Trosglwyddo&apos;r alwad yn uniongyrchol neu gyfeirio at GIG 111 pwyso 2 / y llinell argyfwng 24 awr leol.</translation>
    </message>
    <message>
        <source>Passed to the mental-health practitioner in the control room for further triage.</source>
        <translation>Wedi&apos;i throsglwyddo i&apos;r ymarferydd iechyd meddwl yn yr ystafell reoli i&apos;w brysbennu ymhellach.</translation>
    </message>
    <message>
        <source>Referral to the crisis resolution / home treatment team or street triage.</source>
        <translation>Atgyfeirio at y tîm argyfwng a thriniaeth yn y cartref neu at frysbennu ar y stryd.</translation>
    </message>
    <message>
        <source>Adult social care or children&apos;s services (safeguarding) referral.</source>
        <translation>Atgyfeirio at ofal cymdeithasol oedolion neu wasanaethau plant (diogelu).</translation>
    </message>
    <message>
        <source>Routine health advice: GP, NHS 111.</source>
        <translation>Cyngor iechyd arferol: meddyg teulu, GIG 111.</translation>
    </message>
    <message>
        <source>Advice given; no deployment (grade 4, resolved).</source>
        <translation>Cyngor wedi&apos;i roi; dim swyddogion yn cael eu hanfon (gradd 4, wedi&apos;i datrys).</translation>
    </message>
    <message>
        <source>s136 handover past one hour: escalate to on-call health manager and police supervisor.</source>
        <translation>Trosglwyddo o dan adran 136 wedi mynd dros awr: uwchgyfeirio at y rheolwr iechyd ar alwad a goruchwyliwr yr heddlu.</translation>
    </message>
    <message>
        <source>Request for a Mental Health Act assessment passed to the AMHP service / crisis route; police do not attend (a s135(1) warrant, if the AMHP seeks one, is a later police-support call).</source>
        <translation>Cais am asesiad o dan y Ddeddf Iechyd Meddwl wedi&apos;i drosglwyddo i&apos;r gwasanaeth AMHP / y llwybr argyfwng; dydy&apos;r heddlu ddim yn dod (mae gwarant adran 135(1), os bydd yr AMHP yn gofyn am un, yn alwad ddiweddarach am gefnogaeth gan yr heddlu).</translation>
    </message>
    <message>
        <source>Officers already at a place of safety (or other health setting) hand the person over to health staff and leave: no police attendance continues. Not a police outcome (officers are released).</source>
        <translation>Mae swyddogion sydd eisoes mewn man diogel (neu leoliad iechyd arall) yn trosglwyddo&apos;r person i staff iechyd ac yn gadael: does dim presenoldeb heddlu&apos;n parhau. Nid canlyniad heddlu yw hwn (caiff y swyddogion eu rhyddhau).</translation>
    </message>
    <message>
        <source>Not yet under RCRP in this force: follow force policy (the call is recorded for the baseline).</source>
        <translation>Ddim o dan RCRP eto yn yr heddlu hwn: dilynwch bolisi&apos;r heddlu (caiff yr alwad ei chofnodi ar gyfer y llinell sylfaen).</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <source>⚠ The timed backup failed: {error}. Calls are still being saved.</source>
        <translation>⚠ Methodd y copi wrth gefn rheolaidd: {error}. Mae galwadau&apos;n dal i gael eu cadw.</translation>
    </message>
    <message>
        <source>Backup made at {time}.</source>
        <translation>Copi wrth gefn wedi&apos;i wneud am {time}.</translation>
    </message>
</context>
<context>
    <name>_TextDialog</name>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
</context>
</TS>
