"""Event kiosk core: domain rules, policy engine, payments, storage and services (no Qt)."""
