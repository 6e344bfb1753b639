"""Scripted scenarios over the whole kiosk (the event-day demo)."""
