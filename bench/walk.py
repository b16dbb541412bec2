"""How far one dashboard call walks through the addon's code.

Counts the addon's distinct functions (and the files they live in) that one
``get_dashboard`` call runs, and the calls the dashboard model makes into the
addon's other files: a measure of how much a reader must follow to see where
a number comes from, not of speed. Run it on any database where the addon is
installed (the demo database will do); everything is rolled back.

    python3 bench/walk.py --database solis_demo
"""

import argparse
import collections
import os
import sys

from _odoo import add_db_arguments, open_registry

import odoo

ADDON = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "solis_sales_process"
)
DASHBOARD_FILE = "solis_sales_dashboard.py"


def walk(env, period):
    functions = collections.Counter()
    crossings = collections.Counter()

    def profile(frame, event, _arg):
        if event != "call":
            return
        path = frame.f_code.co_filename
        if not path.startswith(ADDON + os.sep):
            return
        name = (os.path.relpath(path, ADDON), frame.f_code.co_name)
        functions[name] += 1
        caller = frame.f_back
        if (
            caller
            and caller.f_code.co_filename.endswith(DASHBOARD_FILE)
            and not path.endswith(DASHBOARD_FILE)
        ):
            crossings[name] += 1

    sys.setprofile(profile)
    try:
        env["solis.sales.dashboard"].get_dashboard(period=period)
    finally:
        sys.setprofile(None)
    return functions, crossings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_db_arguments(parser)
    parser.add_argument("--period", default="month")
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env = env(user=env.ref("base.user_admin").id)
        # A first call fills the registry's caches: the walk is the second's.
        env["solis.sales.dashboard"].get_dashboard(period=args.period)
        functions, crossings = walk(env, args.period)
        cr.rollback()
    files = collections.Counter(path for path, _name in functions)
    print(f"functions: {len(functions)}  files: {len(files)}")
    for path, count in sorted(files.items()):
        print(f"  {path}: {count}")
    print(
        f"calls from the dashboard into other files: {sum(crossings.values())}"
        f" ({len(crossings)} distinct functions)"
    )
    for (path, name), count in sorted(crossings.items()):
        print(f"  {path}:{name} x{count}")


if __name__ == "__main__":
    main()
