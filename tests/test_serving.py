"""`make serve` sends the book as static hosts do: text gzip-compressed when the browser accepts it,
byte for byte the same once unpacked, and everything else untouched. Also the options of the
serve and build commands that these tests can check without building."""

from __future__ import annotations

import gzip
import os
import threading
import time
import urllib.request

import pytest

from welcome_course.site.serving import book_server

PAGE = "<!DOCTYPE html><html lang=en><title>Step 1</title><p>" + "Welcome to the class. " * 400 + "</p></html>"


@pytest.fixture()
def site(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "book" / "step-01.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "book" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    server = book_server(tmp_path, quiet=True)
    # (a short poll interval: shutdown() waits up to one interval, 0.5 s by default)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def fetch(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def test_pages_are_sent_compressed_and_unpack_to_the_file(site):
    folder, url = site
    headers, body = fetch(url + "book/step-01.html")
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"].startswith("text/html")
    assert int(headers["Content-Length"]) == len(body) < len(PAGE.encode()) / 5
    assert gzip.decompress(body) == (folder / "book" / "step-01.html").read_bytes()


def test_a_browser_that_does_not_accept_gzip_gets_the_plain_file(site):
    folder, url = site
    headers, body = fetch(url + "book/step-01.html", gzip_ok=False)
    assert headers["Content-Encoding"] is None
    assert body == (folder / "book" / "step-01.html").read_bytes()


def test_images_are_sent_as_they_are(site):
    folder, url = site
    headers, body = fetch(url + "book/photo.png")
    assert headers["Content-Encoding"] is None
    assert body == (folder / "book" / "photo.png").read_bytes()


def test_the_folder_address_serves_its_index_page(site):
    folder, url = site
    _headers, body = fetch(url)
    assert gzip.decompress(body) == (folder / "index.html").read_bytes()


def test_a_rebuilt_page_is_served_fresh_not_from_the_compressed_copy(site):
    folder, url = site
    fetch(url + "book/step-01.html")  # compressed and kept
    page = folder / "book" / "step-01.html"
    page.write_text(PAGE.replace("Step 1", "Step 1, revised"), encoding="utf-8")
    later = time.time() + 5
    os.utime(page, (later, later))
    _, body = fetch(url + "book/step-01.html")
    assert b"Step 1, revised" in gzip.decompress(body)


def test_a_missing_page_is_a_404(site):
    _, url = site
    with pytest.raises(urllib.error.HTTPError) as err:
        fetch(url + "book/no-such-page.html")
    assert err.value.code == 404


def test_serve_refuses_a_folder_without_a_book(tmp_path, capsys):
    from welcome_course.__main__ import main

    assert main(["serve", "--folder", str(tmp_path)]) == 1
    assert "build it first" in capsys.readouterr().err


def test_build_refuses_a_number_of_jobs_below_one(capsys):
    from welcome_course.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["build", "--jobs", "0"])
    assert stopped.value.code == 2
    assert "--jobs: must be 1 or more, not 0" in capsys.readouterr().err
