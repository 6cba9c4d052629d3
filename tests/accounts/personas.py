"""The personas around one proponent organisation, by name, and a client signed in as one."""

from django.test import Client

MEMBER_PERSONAS = ["owner", "editor", "viewer"]
EVERY_PERSONA = ["anonymous", *MEMBER_PERSONAS, "outsider", "secretariat", "admin"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
