"""Fetching article pages politely: the async fetcher, robots.txt, the address guard
(public addresses only, on every connection), the incremental fetch state and the raw archive."""
