"""Open an Odoo registry on a benchmark database, with this checkout's addon."""

import os

import odoo

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The scripts read the addon's own constants before any registry is open.
if REPO not in odoo.addons.__path__:
    odoo.addons.__path__.append(REPO)


def default_addons_path():
    odoo_root = os.path.dirname(os.path.dirname(odoo.__file__))
    paths = [
        os.path.join(odoo_root, "addons"),
        os.path.join(odoo_root, "odoo", "addons"),
    ]
    return ",".join([path for path in paths if os.path.isdir(path)] + [REPO])


def add_db_arguments(parser):
    parser.add_argument("--database", "-d", required=True)
    parser.add_argument("--db_host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db_port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER"))
    parser.add_argument("--addons-path", default=None)


def open_registry(args, log_level="warn"):
    options = [
        f"--database={args.database}",
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        f"--addons-path={args.addons_path or default_addons_path()}",
        f"--log-level={log_level}",
    ]
    if args.db_user:
        options.append(f"--db_user={args.db_user}")
    odoo.tools.config.parse_config(options)
    return odoo.modules.registry.Registry(args.database)
