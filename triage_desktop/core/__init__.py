"""triage_desktop.core"""
