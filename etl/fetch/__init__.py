"""Fetching article pages politely: the async fetcher, robots.txt, the incremental fetch
state and the raw archive."""
