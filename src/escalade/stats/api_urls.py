from django.urls import path

from escalade.stats import api

app_name = "stats_api"

urlpatterns = [path("statistics/", api.Statistics.as_view(), name="statistics")]
