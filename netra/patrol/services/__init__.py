"""Patrol services (writes): registry, ASN accounts, capture and OCR, bulk loads, matching, the queue."""
