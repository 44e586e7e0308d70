#!/usr/bin/env python3
"""The streams scenario: N concurrent SSE streams on GET /changes/stream, the API's RSS before and after they open,
and for each of a few writes the time until every stream has it (p50/p99/max over all streams and writes); then the
write path's p99 (POST /sources, one after another) without streams and with them, in alternating rounds.
Usage: streams.py BASE API_PID STREAMS WRITES KEY; prints one tab-separated row."""
import asyncio, concurrent.futures, json, os, sys, time, urllib.request
from urllib.parse import urlsplit

base, api_pid, streams, writes, key = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
host, port = urlsplit(base).hostname, urlsplit(base).port

def cpu_ms(pid="self"):
    """User and system CPU of a process so far, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def rss_mb():
    with open(f"/proc/{api_pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

async def stream(ready, arrivals):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /api/v1/changes/stream HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(status.decode().strip())
    opened = False
    while line := await reader.readline():
        text = line.decode().strip()
        if text.startswith(": after") and not opened:
            opened = True
            ready.release()
        elif text.startswith("id: "):  # chunked framing lines (sizes) are skipped: only SSE fields count
            arrivals.append((int(text[4:]), time.monotonic()))

def post_source(n):
    body = json.dumps({"name": f"bench stream {time.time_ns()}-{n}", "kind": "media"}).encode()
    request = urllib.request.Request(f"{base}/api/v1/sources", body, {"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request) as response:
        response.read()

# A p99 needs a few hundred samples: 200 writes on each side, after 20 that warm the write path up (and are not counted).
WRITE_ROUNDS, WRITES_PER_ROUND, WARM_UP = 4, 50, 20

def timed_writes(n):
    """The latencies (ms) of n writes made one after another."""
    times = []
    for i in range(n):
        start = time.monotonic()
        post_source(i)
        times.append((time.monotonic() - start) * 1000)
    return times

def p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * 0.99))]

# The timed writes run in a process of their own, started before the streams open: in this one, the writer's thread
# would wait for the interpreter lock while the event loop reads a thousand sockets, and the bench would time itself.
WRITER = concurrent.futures.ProcessPoolExecutor(max_workers=1)

async def timed(n):
    return await asyncio.get_running_loop().run_in_executor(WRITER, timed_writes, n)

async def main():
    await timed(WARM_UP)
    without = await timed(WRITES_PER_ROUND)
    before = rss_mb()
    ready, arrivals = asyncio.Semaphore(0), []
    tasks = [asyncio.create_task(stream(ready, arrivals)) for _ in range(streams)]
    opened_at = time.monotonic()
    for _ in range(streams):
        waiter = asyncio.create_task(ready.acquire())
        done, _ = await asyncio.wait([waiter, *[t for t in tasks if t.done()]], timeout=60, return_when=asyncio.FIRST_COMPLETED)
        if waiter not in done:
            failed = next((t for t in tasks if t.done()), None)
            raise RuntimeError(f"a stream did not open: {failed.exception() if failed else 'timeout'}")
    open_secs = time.monotonic() - opened_at
    await asyncio.sleep(2)
    after = rss_mb()
    latencies = []
    for n in range(writes):
        seen = len(arrivals)
        start = time.monotonic()
        await asyncio.to_thread(post_source, n)
        while len(arrivals) < seen + streams and time.monotonic() - start < 30:
            await asyncio.sleep(0.005)
        latencies += [(t - start) * 1000 for _, t in arrivals[seen:]]
        await asyncio.sleep(0.5)
    # Alternating rounds: the streams stay open (opening 1,000 again would dominate), so "without" is measured before they
    # open and again after they close, around the rounds with them.
    with_streams = []
    api_cpu, own_cpu = cpu_ms(api_pid), cpu_ms()
    for _ in range(WRITE_ROUNDS):
        with_streams += await timed(WRITES_PER_ROUND)
    api_cpu, own_cpu = cpu_ms(api_pid) - api_cpu, cpu_ms() - own_cpu
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] if latencies else float("nan")
    delivered = len(latencies)
    for t in tasks:
        t.cancel()
    await asyncio.sleep(2)
    api_alone = cpu_ms(api_pid)
    without += await timed(WRITES_PER_ROUND * (WRITE_ROUNDS - 1))
    api_alone = cpu_ms(api_pid) - api_alone
    n_with, n_alone = WRITES_PER_ROUND * WRITE_ROUNDS, WRITES_PER_ROUND * (WRITE_ROUNDS - 1)
    print(f"CPU ms per write: API {api_cpu / n_with:.1f} with the streams, {api_alone / n_alone:.1f} without; "
          f"this bench's stream readers {own_cpu / n_with:.1f}", file=sys.stderr)
    median = lambda values: sorted(values)[len(values) // 2]
    print(f"write ms without streams: median {median(without):.1f}, p99 {p99(without):.1f}; with: median {median(with_streams):.1f}, "
          f"p99 {p99(with_streams):.1f}", file=sys.stderr)
    print(f"{streams}\t{open_secs:.1f}\t{before:.0f}\t{after:.0f}\t{after - before:.0f}\t{writes}\t{delivered}\t{pick(0.5):.0f}\t{pick(0.99):.0f}\t{pick(1.0):.0f}"
          f"\t{p99(without):.1f}\t{p99(with_streams):.1f}")

asyncio.run(main())
