"""Escalade, a helpdesk for French education authorities."""
