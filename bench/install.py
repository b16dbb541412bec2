"""Time installing and upgrading the addon on a database that already holds
a large company's partners.

    python3 bench/generate.py -d solis_bench_base --scale 1 --only partners
    python3 bench/install.py --base solis_bench_base --database solis_bench_install

The base database has Sales installed, not the addon (make it with
``odoo -d solis_bench_base -i sale --without-demo=all --stop-after-init``).
It is copied to --database, where the addon is installed (-i) then upgraded
(-u); each is timed as a whole Odoo process, the way an administrator runs it.
"""

import argparse
import subprocess
import sys
import tempfile
import time

from _odoo import add_db_arguments, default_addons_path

BAR = 120.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_db_arguments(parser)
    parser.add_argument("--base", required=True, help="database to copy")
    return parser.parse_args()


def pg_args(args):
    options = ["-h", args.db_host, "-p", args.db_port]
    return options + (["-U", args.db_user] if args.db_user else [])


def odoo(args, data_dir, *options):
    command = [
        sys.executable,
        "-m",
        "odoo",
        f"--database={args.database}",
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        f"--addons-path={args.addons_path or default_addons_path()}",
        f"--data-dir={data_dir}",
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
        "--max-cron-threads=0",
        *options,
    ]
    if args.db_user:
        command.append(f"--db_user={args.db_user}")
    started = time.monotonic()
    subprocess.run(command, check=True)
    return time.monotonic() - started


def main():
    args = parse_args()
    subprocess.run(["dropdb", "--if-exists", *pg_args(args), args.database], check=True)
    subprocess.run(
        ["createdb", *pg_args(args), "-T", args.base, args.database], check=True
    )
    count = subprocess.run(
        [
            "psql",
            *pg_args(args),
            "-Atc",
            "SELECT count(*) FROM res_partner",
            args.database,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as data_dir:
        install = odoo(args, data_dir, "-i", "solis_sales_process")
        upgrade = odoo(args, data_dir, "-u", "solis_sales_process")
    print(f"Partners in the database: {int(count):,}")
    print("| Measure | Time (s) | Bar | Met |")
    print("|---|---:|---|---|")
    for name, seconds in (("install (-i)", install), ("upgrade (-u)", upgrade)):
        met = "yes" if seconds < BAR else "NO"
        print(f"| {name} | {seconds:.1f} | < {BAR:g} s | {met} |")


if __name__ == "__main__":
    main()
