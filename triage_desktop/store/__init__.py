"""triage_desktop.store"""
