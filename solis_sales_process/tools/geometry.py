"""Distances on the Earth: plain functions, no Odoo model."""

import math

# The mean radius of the Earth, in meters.
EARTH_RADIUS = 6371008.8


def distance_in_meters(latitude1, longitude1, latitude2, longitude2):
    """The great-circle distance between two points (haversine): a few
    meters off at most over the distances a check-in compares."""
    phi1, phi2 = math.radians(latitude1), math.radians(latitude2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1)
        * math.cos(phi2)
        * math.sin(math.radians(longitude2 - longitude1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(half_chord)))
