"""/api/v1's shapes of the caller (``me``) and of their personal tokens."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from escalade.tickets.api.serializers import BoundedInteger, ProfileRefSerializer, UserSerializer


class MeSerializer(serializers.Serializer):
    user = UserSerializer()
    profile = ProfileRefSerializer()
    profiles = ProfileRefSerializer(many=True)
    entities = serializers.ListField(child=serializers.IntegerField())
    active_entity = serializers.IntegerField(allow_null=True)
    recursive = serializers.BooleanField()
    groups = serializers.ListField(child=serializers.IntegerField())


# --- Tokens ---------------------------------------------------------------------------------------


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    profile = serializers.IntegerField(source="profile_id", allow_null=True)
    entity = serializers.IntegerField(source="entity_id", allow_null=True)
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class TokenCreatedSerializer(TokenSerializer):
    key = serializers.CharField(help_text=_("Le jeton en clair : affiché cette fois seulement."))


class TokenInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    profile = BoundedInteger(required=False, allow_null=True, min_value=1)
    entity = BoundedInteger(required=False, allow_null=True, min_value=1)
