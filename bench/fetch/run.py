"""bench/fetch: polite fetching throughput against 20 simulated hosts on loopback.

A server process listens on 127.0.0.2 ... 127.0.0.(N+1) (the whole 127/8 range is
loopback on Linux), each a distinct host, serving robots.txt and article pages. The
real fetch stage code (``etl.fetch.fetcher.fetch_all`` with the fetch state, the raw archive and
a StageWriter, as in ``etl.pipeline.fetch_stage``) fetches every page with a per-host
delay; URLs are listed grouped by host (the worst order for a naive scheduler) and
streamed from a generator.

ideal = hosts / per_host_delay (pages/s allowed by the politeness limits);
ratio = achieved / ideal. Peak RSS is the fetching process's maximum resident set.

    python bench/fetch/run.py [--hosts 20] [--pages 2000] [--delay 0.2] [--page-kb 20]

The default delay (0.2 s: 5 requests/s per host, ideal 100 pages/s) is already far
more aggressive than usual crawl politeness (>= 1 s); with ``--delay 0.1`` the ideal
(200 pages/s) needs ~0.6 of a CPU core for the fetcher alone, so the ratio then
depends on how busy the machine is.

Last line: ``fetch: achieved=.. pages/s ideal=.. pages/s ratio=.. peak_rss=..MB pages=N``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from etl.core.settings import Settings  # noqa: E402
from etl.core.staging import StageWriter  # noqa: E402
from etl.fetch.archive import Archive  # noqa: E402
from etl.fetch.fetcher import fetch_all  # noqa: E402
from etl.fetch.state import FetchState  # noqa: E402

PARAGRAPH = ("<p>The central bank left its benchmark rate unchanged on Wednesday, saying it wanted more "
             "evidence that inflation was cooling before it started to cut borrowing costs.</p>\n")


def host_ip(i: int) -> str:
    return f"127.0.0.{i + 2}"


def page_body(path: str, kb: int) -> bytes:
    head = f"<!doctype html><html><head><meta charset='utf-8'><title>{path}</title></head><body><article>"
    paragraphs = PARAGRAPH * max(1, kb * 1024 // len(PARAGRAPH))
    return (head + f"<h1>Story {path}</h1>" + paragraphs + "</article></body></html>").encode()


async def _handle(reader, writer, kb: int) -> None:
    try:
        while True:
            request = await reader.readline()
            if not request:
                break
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            path = request.split()[1].decode()
            if path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                body, ctype = page_body(path, kb), "text/html; charset=utf-8"
            writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                         f"ETag: \"{hash(path)}\"\r\n\r\n".encode() + body)
            await writer.drain()
    except (ConnectionError, IndexError):
        pass
    finally:
        writer.close()


def serve(hosts: int, port: int, kb: int, ready) -> None:
    """Server process: one listening socket per simulated host, all on ``port``."""

    async def main():
        for i in range(hosts):
            await asyncio.start_server(lambda r, w: _handle(r, w, kb), host_ip(i), port, backlog=256)
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        return sock.getsockname()[1]


def items(hosts: int, pages: int, port: int):
    """Discovered items grouped by host, streamed."""
    for i in range(hosts):
        for n in range(i, pages, hosts):
            yield {"url": f"http://{host_ip(i)}:{port}/news/{n}.html", "source": f"host{i}"}


def run(args) -> dict:
    port = free_port()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(args.hosts, port, args.page_kb, ready), daemon=True)
    server.start()
    try:
        ready.wait(30)
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings.from_env(staging_dir=tmp, fetch_per_host_delay=args.delay, fetch_timeout=10.0,
                                         fetch_concurrency=args.concurrency,
                                         fetch_allowed_networks="127.0.0.0/8")  # the hosts are on loopback
            start, cpu0 = time.perf_counter(), time.process_time()
            with StageWriter(Path(tmp), "fetch") as out, FetchState.open(settings) as state:
                fetch_all(items(args.hosts, args.pages, port), settings, out.add, state=state,
                          archive=Archive.open(settings), run="bench", fetched_at="2025-01-01T00:00:00+00:00")
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    finally:
        server.terminate()
        server.join(5)
    achieved = out.count / elapsed
    ideal = args.hosts / args.delay
    return {"achieved": achieved, "ideal": ideal, "ratio": achieved / ideal, "pages": out.count,
            "rejected": dict(out.reasons), "seconds": elapsed, "cpu_ms_per_page": 1000 * cpu / max(1, out.count),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.2, help="per-host delay between requests (s)")
    parser.add_argument("--page-kb", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8, help="global concurrency limit")
    args = parser.parse_args(argv)
    result = run(args)
    print(f"# {result['pages']} pages in {result['seconds']:.2f}s, fetcher cpu {result['cpu_ms_per_page']:.2f} ms/page, "
          f"load average {os.getloadavg()[0]:.1f}, rejected={result['rejected']}, "
          f"hosts={args.hosts} delay={args.delay}s per-host-concurrency=2 global={args.concurrency}")
    print(f"fetch: achieved={result['achieved']:.1f} pages/s ideal={result['ideal']:.1f} pages/s "
          f"ratio={result['ratio']:.2f} peak_rss={result['peak_rss_mb']:.0f}MB pages={result['pages']}")
    return 0 if result["rejected"] == {} else 1


if __name__ == "__main__":
    sys.exit(main())
