"""Throwaway servers that a test may stop and start under the app: a
PostgreSQL cluster, a Redis server and gunicorn, as scripts/services.sh and
the Dockerfile run them. Each is stopped by the id of the process started."""

import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = max(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name), default="")
REDIS_SERVER = shutil.which("redis-server") or ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg(command, *args, **kwargs):
    """A PostgreSQL program; initdb and the server refuse to run as root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    result = subprocess.run([*prefix, f"{PG_BIN}/{command}", *args], capture_output=True, text=True, timeout=60,
                            **kwargs)  # fmt: skip
    if result.returncode:
        raise RuntimeError(f"{command} failed:\n{result.stdout}{result.stderr}")
    return result


def wait_until(predicate, timeout=30, what="the server"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {timeout} s")
        time.sleep(0.1)


class PostgresCluster:
    """A cluster of its own (trust authentication, a free loopback port), in
    a folder the postgres account can reach."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")

    def url(self, name="factcheck"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w", "-o", options, "start")

    def stop(self):
        # "fast": the server ends every session, as a restart or a failover does.
        pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """redis-server on a free port. Without persistence (as the suite's), a
    restart loses every queued message; with it (as docker compose runs
    Redis: an append-only file), the messages come back."""

    def __init__(self, directory, persistent=False):
        self.persistent = persistent
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def _ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        log = (self.dir / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes" if self.persistent else "no", "--dir", str(self.dir)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(self._ping, what="redis-server")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


class WebServer:
    """gunicorn serving factcheck.wsgi as the Dockerfile runs it."""

    def __init__(self, env, log, workers=2):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "factcheck.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--access-logfile", "-"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        wait_until(self._listening, what=f"gunicorn (log: {log})")

    def _listening(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{self.log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # the arbiter stops its workers
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Visitor:
    """Talks to the web server as the TLS proxy forwards a browser (over
    HTTPS, with its cookies) or an API client (with its token)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.token = None

    def request(self, method, path, form=None, data=None):
        headers = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{self.port}"}
        body = None
        if form is not None:
            body, headers["Content-Type"] = urlencode(form), "application/x-www-form-urlencoded"
        if data is not None:
            body, headers["Content-Type"] = json.dumps(data), "application/json"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            response.text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response

    def log_in(self, username, password):
        self.request("GET", "/login/")
        response = self.request("POST", "/login/", form={
            "username": username, "password": password, "csrfmiddlewaretoken": self.cookies["csrftoken"],
        })  # fmt: skip
        assert response.status == 302 and "sessionid" in self.cookies, response.text

    def get_token(self, username, password):
        response = self.request("POST", "/api/v1/auth/token/", data={"username": username, "password": password})
        assert response.status == 200, response.text
        self.token = json.loads(response.text)["token"]
