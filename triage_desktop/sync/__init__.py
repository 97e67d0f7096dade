"""triage_desktop.sync"""
