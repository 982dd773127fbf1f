"""Importing a GLPI 10.0 database into Escalade (``escalade import-glpi``)."""
