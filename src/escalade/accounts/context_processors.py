def who(request):
    return {"who": getattr(request, "who", None)}
