"""The admin made for a desk's administrator: Django's own permission groups are hidden
(Escalade's rights are its profiles and support groups)."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin  # noqa: F401 - registers Group first
from django.contrib.auth.models import Group

if admin.site.is_registered(Group):
    admin.site.unregister(Group)
