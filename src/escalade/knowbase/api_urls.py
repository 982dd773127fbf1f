from django.urls import path

from escalade.knowbase import api

app_name = "knowbase_api"

urlpatterns = [
    path("knowbase/articles/", api.ArticleCollection.as_view(), name="articles"),
    path("knowbase/articles/from-solution/", api.FromSolution.as_view(), name="from_solution"),
    path("knowbase/articles/<int:pk>/", api.ArticleDetail.as_view(), name="article"),
    path("knowbase/articles/<int:pk>/resolved/", api.ArticleResolved.as_view(), name="resolved"),
    path("knowbase/categories/", api.CategoryList.as_view(), name="categories"),
    path("knowbase/suggestions/", api.Suggestions.as_view(), name="suggestions"),
]
