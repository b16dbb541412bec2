"""Take the README's screenshots from a running Odoo with the demo data.

    python3 tools/screenshots.py --url http://127.0.0.1:8069 --pages overview,visit_analysis,coverage
    python3 tools/screenshots.py --login ioana --password ioana --pages visits,offers --phone

Drives a headless Chromium over the DevTools protocol (websocket-client).
"""

import argparse
import base64
import json
import pathlib
import subprocess
import tempfile
import time
import urllib.request

import websocket

PAGES = {
    "my_day": "/odoo/my-day",
    "overview": "/odoo/sales-process",
    "visits": "/odoo/action-solis_sales_process.solis_visit_action?view_type=kanban",
    "offers": "/odoo/action-solis_sales_process.sale_order_action_offers",
    "visit_analysis": "/odoo/action-solis_sales_process.solis_visit_report_action",
    "coverage": "/odoo/action-solis_sales_process.solis_client_coverage_report_action",
}


class Browser:
    def __init__(self, width, height, port=9333):
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-sync",
                "--disable-component-update",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                targets = json.load(
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/json")
                )
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, awaitPromise=True)

    def open(self, url, settle=6.0):
        self.call("Page.navigate", url=url)
        time.sleep(settle)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.profile.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated")
    parser.add_argument("--phone", action="store_true", help="also at a phone's size")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = [(1366, 800, "")] + ([(390, 780, "_phone")] if args.phone else [])
    wanted = {name: PAGES[name] for name in args.pages.split(",")}
    for width, height, suffix in sizes:
        browser = Browser(width, height)
        try:
            browser.open(f"{args.url}/web/login", settle=2)
            browser.evaluate(
                f"document.querySelector('input[name=login]').value = {json.dumps(args.login)};"
                f"document.querySelector('input[name=password]').value = {json.dumps(args.password)};"
                "document.querySelector('form.oe_login_form').submit();"
            )
            time.sleep(3)
            for name, path in wanted.items():
                browser.open(args.url + path)
                browser.screenshot(out / f"{name}{suffix}.png")
                print("saved", out / f"{name}{suffix}.png")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
