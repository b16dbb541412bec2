# Plain Python helpers of the addon (no models): the clock, the plurals,
# the domain-to-SQL of the counting passes and the shims for the next Odoo.
