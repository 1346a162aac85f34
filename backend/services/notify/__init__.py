"""Notifications: alert rules, the weekly digest, signed webhooks, mail and schedule leases."""
