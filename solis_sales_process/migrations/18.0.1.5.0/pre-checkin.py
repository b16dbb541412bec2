"""18.0.1.5.0 records on each visit where its rep checked in. The visits of
the past had no check-in: their status is "no position". Added with a
constant default, the column costs no rewrite of the visits' table in
PostgreSQL (the default is kept once in the catalog); left to the ORM,
every visit would be updated. The default is dropped at once, so that the
rows written later get theirs from the ORM.

The period index the dashboard counts from gains the status, so that
counting the verified visits still reads the index only: it is dropped here
and built again by the model's init."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """ALTER TABLE solis_visit
               ADD COLUMN IF NOT EXISTS checkin_status varchar DEFAULT 'no_position'"""
    )
    cr.execute("ALTER TABLE solis_visit ALTER COLUMN checkin_status DROP DEFAULT")
    cr.execute("DROP INDEX IF EXISTS solis_visit_period_index")
