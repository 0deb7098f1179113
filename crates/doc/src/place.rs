//! Places: mentions of places in the text, resolved to gazetteer entries with coordinates.

use std::sync::Arc;

use crate::{Error, Result};

/// A place a mention of the text refers to: a gazetteer entry with its coordinates.
///
/// The place layer holds one per resolved mention, by the mention's span.
/// Coordinates are kept in ten-thousandths of a degree (about 11 m), the gazetteer's precision,
/// so places compare exactly; strings are shared (`Arc<str>`) because places repeat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    geonameid: Option<u32>,
    name: Arc<str>,
    country: Option<Arc<str>>,
    feature: Arc<str>,
    lat: i32,
    lon: i32,
}

/// Ten-thousandths of a degree per degree.
const SCALE: f64 = 1e4;

impl Place {
    /// A place; `country` is an ISO 3166-1 alpha-2 code, `feature` a GeoNames feature code
    /// (`PPL`, `PPLC`, `ADM1`, `PCLI`, `CONT`), `lat` and `lon` decimal degrees.
    ///
    /// Fails when the coordinates are not a point on Earth (outside ±90° and ±180°, or NaN).
    pub fn new(
        geonameid: Option<u32>,
        name: Arc<str>,
        country: Option<Arc<str>>,
        feature: Arc<str>,
        lat: f64,
        lon: f64,
    ) -> Result<Place> {
        if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
            return Err(Error::BadCoordinates { lat, lon });
        }
        // In range, so the products fit an i32 (at most 1.8 million).
        let fixed = |degrees: f64| (degrees * SCALE).round() as i32;
        Ok(Place {
            geonameid,
            name,
            country,
            feature,
            lat: fixed(lat),
            lon: fixed(lon),
        })
    }

    /// The GeoNames id, `None` for a place the gazetteer derived itself (a US state).
    pub fn geonameid(&self) -> Option<u32> {
        self.geonameid
    }

    /// The place's name in the gazetteer (`Hanoi`), which may differ from the mention's text.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The ISO 3166-1 alpha-2 code of its country, `None` for a continent.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// The GeoNames feature code.
    pub fn feature(&self) -> &str {
        &self.feature
    }

    /// Latitude in decimal degrees.
    pub fn lat(&self) -> f64 {
        f64::from(self.lat) / SCALE
    }

    /// Longitude in decimal degrees.
    pub fn lon(&self) -> f64 {
        f64::from(self.lon) / SCALE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_checked_and_kept_to_four_decimals() {
        let place = |lat, lon| Place::new(None, "x".into(), None, "PPL".into(), lat, lon);
        let hanoi = place(21.0245, 105.84117).unwrap();
        assert_eq!((hanoi.lat(), hanoi.lon()), (21.0245, 105.8412));
        for (lat, lon) in [(91.0, 0.0), (0.0, -180.5), (f64::NAN, 0.0)] {
            assert!(matches!(place(lat, lon), Err(Error::BadCoordinates { .. })));
        }
        assert!(place(-90.0, 180.0).is_ok());
    }
}
