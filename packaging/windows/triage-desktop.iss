; Inno Setup script: per-machine install of the PyInstaller one-folder bundle (build it first: see
; .github/workflows/windows-build.yml). Compile with:  iscc packaging\windows\triage-desktop.iss
; Silent install (for software deployment tools):  triage-desktop-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Silent uninstall:  "C:\Program Files\triage-desktop\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; The data (calls database, backups, settings) lives per user in %LOCALAPPDATA%\triage-desktop and is NOT removed by
; the uninstaller: the force decides what happens to it under its retention policy. The force configuration pack
; lives machine-wide in %PROGRAMDATA%\triage-desktop\force-pack.toml (IT places it; the installer can copy one, below).

#define AppName "triage-desktop"
#define AppVersion "0.1.0"
#define AppPublisher "triage-desktop project"
#define DistDir "..\..\build\dist\triage-desktop"

[Setup]
AppId={{6F1B2A8E-4C1D-4B8E-9C55-1E2B7D0A3F11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\installer
OutputBaseFilename=triage-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\triage-desktop.exe
; Code signing: uncomment and define the "forcesign" tool in the Inno Setup IDE or on the iscc command line, e.g.
;   iscc /Sforcesign="signtool sign /fd SHA256 /tr http://timestamp.example /td SHA256 /f $qforce.pfx$q /p PASSWORD $f" ...
; SignTool=forcesign
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Optional: ship the force's own pack with the installer (IT builds their own installer with it):
; Source: "force-pack.toml"; DestDir: "{commonappdata}\{#AppName}"; Flags: onlyifdoesntexist uninsneveruninstall

[Dirs]
Name: "{commonappdata}\{#AppName}"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\triage-desktop.exe"; WorkingDir: "{app}"
Name: "{group}\{#AppName} (training mode)"; Filename: "{app}\triage-desktop.exe"; Parameters: "gui --training"; WorkingDir: "{app}"

[Run]
Filename: "{app}\triage-desktop.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data: uninstalling leaves every user's %LOCALAPPDATA%\triage-desktop in place.
