"""The partner token in the OpenAPI schema: drf-spectacular names a security scheme for
each authentication class it meets; this tells it what TokenAuthentication expects.
Imported by ApiConfig.ready() (spectacular finds extensions by subclass registration)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "smartcity.api.tokens.authentication.TokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A partner agency's token, sent as `Token <key>`; issued and "
            "revoked by the secretariat. Anonymous use needs none.",
        }
