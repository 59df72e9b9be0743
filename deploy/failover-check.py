#!/usr/bin/env python3
"""Failover check against a cluster started by deploy/local-cluster.sh up (loopback only).

  python3 deploy/failover-check.py [--parties 20] [--seconds 30] [--interval 0.2] [--victim silo2]

1. GET /api/v1/cluster through client-api1 and nginx: 3 active silos expected.
2. Creates N parties through nginx and reads each once through every endpoint.
3. kill -9 of the silo with the most activations (or --victim), then every `interval` seconds
   reads all parties through nginx, client-api1 and client-api2 for `seconds` seconds.
4. Prints failures per endpoint and status/code, first/last failure and the time from the kill
   until every read succeeds again; then the killed silo's status in /api/v1/cluster.
Bounded: a fixed number of parties, rounds and requests, all to 127.0.0.1.
"""
import argparse
import concurrent.futures as cf
import json
import os
import signal
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict

DIR = os.environ.get("MARKET_CLUSTER_DIR", "/tmp/patentnav-local-cluster")
ENDPOINTS = {"nginx": 8080, "client-api1": 5081, "client-api2": 5082}
SILO_BY_PORT = {11111: "silo1", 11112: "silo2", 11113: "silo3"}


def token():
    with open(os.path.join(DIR, "admin-token")) as f:
        return f.read().strip()


def call(port, method, path, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {token()}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null"), time.monotonic() - started
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"code": raw[:80].decode(errors="replace")}
        return e.code, payload, time.monotonic() - started
    except Exception as e:  # connection refused, timeout
        return 0, {"code": type(e).__name__}, time.monotonic() - started


def cluster(port):
    status, body, _ = call(port, "GET", "/api/v1/cluster")
    if status != 200:
        raise SystemExit(f"GET /api/v1/cluster on :{port} -> {status} {body}")
    return body["silos"]


def show(silos):
    for s in silos:
        print(f"    {s['address']:28} {s['name']:11} {s['status']:13} activations={sum(s['activations'].values())} {s['activations']}")


def silo_port(address):
    return int(address.split("@")[0].rsplit(":", 1)[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parties", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--interval", type=float, default=0.2)
    ap.add_argument("--victim", choices=sorted(SILO_BY_PORT.values()))
    args = ap.parse_args()

    for name in ("client-api1", "nginx"):
        silos = cluster(ENDPOINTS[name])
        active = sum(1 for s in silos if s["status"] == "active")
        print(f"GET /api/v1/cluster via {name}: {active} active of {len(silos)}")
        show(silos)

    ids = []
    for i in range(args.parties):
        status, body, _ = call(ENDPOINTS["nginx"], "POST", "/api/v1/parties", {"name": f"Failover {i}", "kind": "company"})
        if status != 201:
            raise SystemExit(f"POST /api/v1/parties -> {status} {body}")
        ids.append(body["id"])
    for name, port in ENDPOINTS.items():
        bad = [i for i in ids if call(port, "GET", f"/api/v1/parties/{i}")[0] != 200]
        if bad:
            raise SystemExit(f"warm-up reads via {name} failed for {bad}")
    print(f"created {len(ids)} parties through nginx; each read once through {', '.join(ENDPOINTS)}")

    silos = [s for s in cluster(ENDPOINTS["client-api1"]) if s["status"] == "active"]
    print("activations before the kill:")
    show(silos)
    if args.victim:
        victim = next(s for s in silos if SILO_BY_PORT.get(silo_port(s["address"])) == args.victim)
    else:
        victim = max(silos, key=lambda s: sum(s["activations"].values()))
    victim_name = SILO_BY_PORT[silo_port(victim["address"])]
    with open(os.path.join(DIR, "pids", f"{victim_name}.pid")) as f:
        pid = int(f.read().strip())

    # Rounds start on a fixed schedule whether or not earlier reads have answered, so a hung read
    # does not delay the next round; each read has a 35 s client timeout (Orleans' response
    # timeout is 30 s).
    pool = cf.ThreadPoolExecutor(max_workers=400)
    pending = []  # (round start since kill, endpoint, future)
    killed_at = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    print(f"kill -9 {victim_name} (pid {pid}, {victim['address']}, {sum(victim['activations'].values())} activations)")
    rounds = 0

    def timed(port, party):
        start = time.monotonic() - killed_at
        status, body, latency = call(port, "GET", f"/api/v1/parties/{party}", None, 35)
        return start, start + latency, status, body

    while time.monotonic() - killed_at < args.seconds:
        tick = time.monotonic()
        for name, port in ENDPOINTS.items():
            for party in ids:
                pending.append((tick - killed_at, name, pool.submit(timed, port, party)))
        rounds += 1
        time.sleep(max(0.0, args.interval - (time.monotonic() - tick)))
    results = []  # (round start, endpoint, status, code, latency, request end)
    for round_start, name, fut in pending:
        start, end, status, body = fut.result()
        code = body.get("code", "") if isinstance(body, dict) and status != 200 else ""
        results.append((round_start, name, status, code, end - start, end))
    pool.shutdown()

    failures = [r for r in results if r[2] != 200]
    print(f"{rounds} rounds, {len(results)} reads ({len(ids)} parties x {len(ENDPOINTS)} endpoints per round) over {args.seconds:.0f} s")
    per_endpoint = defaultdict(Counter)
    for r in failures:
        per_endpoint[r[1]][f"{r[2]} {r[3]}".strip()] += 1
    for name in ENDPOINTS:
        mine = [r for r in results if r[1] == name]
        fails = [r for r in failures if r[1] == name]
        slow = sum(1 for r in mine if r[4] > 1.0)
        lat = sorted(r[4] for r in mine)
        span = (f", in rounds {min(r[0] for r in fails):.2f}-{max(r[0] for r in fails):.2f} s, last failure answered at {max(r[5] for r in fails):.2f} s"
                if fails else "")
        print(f"  {name:11} {len(fails):4} failed of {len(mine)}{span}; latency p50 {lat[len(lat)//2]*1000:.0f} ms, max {lat[-1]:.2f} s, "
              f"{slow} over 1 s; {dict(per_endpoint[name])}")
    if failures:
        last_bad_round = max(r[0] for r in failures)
        recovered = min((r[0] for r in results if r[0] > last_bad_round), default=None)
        print(f"  last round with a failure started {last_bad_round:.2f} s after the kill; every read succeeds from the round at "
              f"{recovered:.2f} s" if recovered is not None else "  reads still failing at the end")
    else:
        print("  no read failed")
    slow_all = [r for r in results if r[4] > 1.0]
    if slow_all:
        print(f"  slow reads (> 1 s) in rounds {min(r[0] for r in slow_all):.2f}-{max(r[0] for r in slow_all):.2f} s after the kill")

    deadline = time.monotonic() + 30
    while True:
        after = cluster(ENDPOINTS["client-api1"])
        state = next((s["status"] for s in after if s["address"] == victim["address"]), "absent")
        if state == "dead" or time.monotonic() > deadline:
            break
        time.sleep(1)
    print(f"after: {victim_name} ({victim['address']}) is {state}")
    show(after)


if __name__ == "__main__":
    main()
