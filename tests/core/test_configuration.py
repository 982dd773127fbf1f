"""Configuration comes from environment variables; a bad value names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import escalade
from escalade import env


def clean_environment(tmp_path) -> dict[str, str]:
    """This process's environment without Escalade's settings, code from this checkout."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "EMAIL_URL", "DEBUG", "SECRET_KEY"))
    }
    environment["ESCALADE_DATA_DIR"] = str(tmp_path)
    environment["PYTHONPATH"] = str(Path(escalade.__file__).parents[1])
    return environment


def run_escalade(*args, extra_env=None, tmp_path=None, timeout=240):  # a busy machine
    environment = clean_environment(tmp_path)
    environment.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "escalade.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "name,value,words",
    [
        ("DATABASE_URL", "mysql://x@y/z", "DATABASE_URL"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL"),
        ("EMAIL_URL", "smtp://host:port", "EMAIL_URL"),
        ("DEBUG", "maybe", "DEBUG"),
        ("ESCALADE_BASE_URL", "assistance.example.org", "ESCALADE_BASE_URL"),
        ("SECRET_KEY", "short", "SECRET_KEY"),
        ("ESCALADE_ATTACHMENT_MAX_BYTES", "ten", "ESCALADE_ATTACHMENT_MAX_BYTES"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, name, value, words):
    result = run_escalade("check", extra_env={name: value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert words in result.stderr
    assert "Traceback" in result.stderr or result.stderr  # Django prints the cause


def test_runs_with_no_variable_at_all(tmp_path):
    result = run_escalade("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    # The secret key was generated once and kept, private to its owner.
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    key = key_file.read_text()
    run_escalade("check", tmp_path=tmp_path)
    assert key_file.read_text() == key


def test_processes_starting_together_share_one_whole_secret_key(tmp_path):
    """Web and worker processes started at once on a new data directory: none reads the
    key file while another writes it (an empty key broke every mail's signed token)."""
    code = (
        "import sys, time; from pathlib import Path; from escalade import env; "
        "time.sleep(max(0.0, float(sys.argv[1]) - time.time())); "
        "print(env.secret_key('NO_SUCH_VARIABLE', Path(sys.argv[2])))"
    )
    environment = clean_environment(tmp_path)
    for attempt in range(5):
        data_dir = tmp_path / f"data{attempt}"
        start = f"{__import__('time').time() + 1.0}"
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", code, start, str(data_dir)],
                env=environment,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        keys = {process.communicate(timeout=30)[0].strip() for process in processes}
        assert len(keys) == 1, keys
        (key,) = keys
        assert len(key) >= 32 and (data_dir / "secret_key").read_text() == key
        assert [p.name for p in data_dir.iterdir()] == ["secret_key"]  # no draft left


@pytest.mark.parametrize(
    "url,expected",
    [
        (
            "smtp://mail.example.org:2525",
            {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 2525, "EMAIL_USE_TLS": False},
        ),
        (
            "smtp+tls://user%40ac:p%40ss@smtp.ac.fr:587",
            {
                "EMAIL_HOST_USER": "user@ac",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": True,
                "EMAIL_PORT": 587,
            },
        ),
        ("smtp+ssl://smtp.ac.fr", {"EMAIL_USE_SSL": True, "EMAIL_PORT": 465}),
        ("console:", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
    ],
)
def test_email_url_forms(monkeypatch, url, expected):
    monkeypatch.setenv("EMAIL_URL", url)
    parsed = env.email("EMAIL_URL", "console:")
    for key, value in expected.items():
        assert parsed[key] == value


def test_database_url_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://esc:pw@db.example.org:5433/escalade")
    parsed = env.database("DATABASE_URL", "unused.sqlite3")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert (parsed["HOST"], parsed["PORT"], parsed["NAME"]) == ("db.example.org", 5433, "escalade")


def test_boolean_reader(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env.boolean("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "nope")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.boolean("X_FLAG")
