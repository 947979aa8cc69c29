from django.conf import settings

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])  # fmt: skip


class ContentSecurityPolicyMiddleware:
    """No inline scripts or styles anywhere: imported article text is
    untrusted, and a CSP is the second wall behind template escaping."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", getattr(settings, "CONTENT_SECURITY_POLICY", POLICY))
        return response
