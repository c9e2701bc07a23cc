package org.kuroshio.maritime.geo;

/**
 * A cable landing point.
 *
 * @param id its id in the source (slug, or numeric id as text)
 * @param name its name, e.g. "Toucheng, Taiwan"
 * @param lat latitude, degrees
 * @param lon longitude, degrees
 */
public record LandingPoint(String id, String name, double lat, double lon) {}
