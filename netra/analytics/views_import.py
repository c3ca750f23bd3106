"""The historical import's upload page and its progress (issue 11)."""

urlpatterns: list = []
