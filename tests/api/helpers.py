"""What the API tests share: reading a response, streamed or not."""

import csv
import io
import json


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def as_json(response):
    return json.loads(body(response))


def csv_rows(response) -> list[dict]:
    text = body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
