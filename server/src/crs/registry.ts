import { CrsError } from './errors';

/**
 * The coordinate reference systems this server offers (OGC API – Features Part 2), by URI.
 * Features are stored in CRS84; every other CRS is reached with proj4 from these definitions.
 *
 * VN-2000 (EPSG:4756) is a datum on the WGS 84 ellipsoid; its shift to WGS 84 is the national
 * 7-parameter set, published by the Ministry of Natural Resources and Environment in Decision
 * 05/2007/QĐ-BTNMT (27 Feb 2007): ΔX −191.90441429 m, ΔY −39.30318279 m, ΔZ −111.45032835 m,
 * rotations ω −0.00928836″, ψ 0.01975479″, ε −0.00427372″, scale k = 1.000000252906278 (0.252906278 ppm).
 * EPSG holds it as transformation "VN-2000 to WGS 84 (2)" in the Coordinate Frame convention;
 * proj4's +towgs84 uses the Position Vector convention, so the three rotations change sign
 * (as PROJ's own `projinfo EPSG:4756 -o PROJ` prints). Circular 973/2001/TT-TCĐC (20 Jun 2001)
 * defines VN-2000's map projections: UTM zones (k0 0.9996) and, for cadastral maps, TM-3 zones
 * with k0 0.9999 and a central meridian per province — Lào Cai's is 104°45′, which EPSG holds as
 * EPSG:9208 "VN-2000 / TM-3 104-45" (false easting 500 km, false northing 0).
 */

/** How coordinates are ordered in this CRS (Part 2: the CRS's own axis order, also in bbox). */
export type AxisOrder = 'lon-lat' | 'lat-lon' | 'east-north';

export interface SupportedCrs {
  /** The OGC URI clients use in `crs`, `bbox-crs` and `filter-crs`. */
  uri: string;
  /** EPSG code, or undefined for CRS84. */
  epsg?: number;
  title: string;
  /** proj4 definition (lon/lat or easting/northing order; axis order is applied separately). */
  proj4: string;
  axisOrder: AxisOrder;
  unit: 'degree' | 'metre';
  /** Decimals kept when coordinates are reprojected: 8 for degrees, 3 for metres (≈ 1 mm both). */
  decimals: number;
}

export const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

const EPSG_URI = 'http://www.opengis.net/def/crs/EPSG/0/';

/** Position Vector form of Decision 05/2007/QĐ-BTNMT's parameters (see the comment above). */
const VN2000_TOWGS84 =
  '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

export const SUPPORTED_CRS: readonly SupportedCrs[] = Object.freeze([
  {
    uri: CRS84_URI,
    title: 'WGS 84 longitude/latitude (CRS84)',
    proj4: WGS84_LONLAT,
    axisOrder: 'lon-lat',
    unit: 'degree',
    decimals: 8,
  },
  {
    uri: `${EPSG_URI}4326`,
    epsg: 4326,
    title: 'WGS 84 (EPSG:4326, latitude/longitude order)',
    proj4: WGS84_LONLAT,
    axisOrder: 'lat-lon',
    unit: 'degree',
    decimals: 8,
  },
  {
    uri: `${EPSG_URI}3857`,
    epsg: 3857,
    title: 'WGS 84 / Pseudo-Mercator (EPSG:3857)',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs',
    axisOrder: 'east-north',
    unit: 'metre',
    decimals: 3,
  },
  {
    uri: `${EPSG_URI}4756`,
    epsg: 4756,
    title: 'VN-2000 (EPSG:4756, latitude/longitude order)',
    proj4: `+proj=longlat +ellps=WGS84 ${VN2000_TOWGS84} +no_defs`,
    axisOrder: 'lat-lon',
    unit: 'degree',
    decimals: 8,
  },
  {
    uri: `${EPSG_URI}3405`,
    epsg: 3405,
    title: 'VN-2000 / UTM zone 48N (EPSG:3405)',
    proj4: `+proj=utm +zone=48 +ellps=WGS84 ${VN2000_TOWGS84} +units=m +no_defs`,
    axisOrder: 'east-north',
    unit: 'metre',
    decimals: 3,
  },
  {
    uri: `${EPSG_URI}9208`,
    epsg: 9208,
    title: 'VN-2000 / TM-3 104-45, Lào Cai cadastral zone (EPSG:9208)',
    proj4: `+proj=tmerc +lat_0=0 +lon_0=104.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ${VN2000_TOWGS84} +units=m +no_defs`,
    axisOrder: 'east-north',
    unit: 'metre',
    decimals: 3,
  },
] satisfies SupportedCrs[]);

export const CRS84: SupportedCrs = SUPPORTED_CRS[0]!;

/** The supported CRS with this URI (`https://` accepted for `http://`), or undefined. */
export function findCrs(uri: string): SupportedCrs | undefined {
  const normal = uri.trim().replace(/^https:\/\//, 'http://');
  return SUPPORTED_CRS.find((c) => c.uri === normal);
}

/** The URIs of every supported CRS (for `crs` lists in collection metadata and error messages). */
export function supportedCrsUris(): string[] {
  return SUPPORTED_CRS.map((c) => c.uri);
}

/**
 * A `crs`, `bbox-crs` or `filter-crs` value → the CRS (CRS84 when absent). Throws CrsError naming
 * the parameter and listing the supported URIs for anything else.
 */
export function parseCrs(value: string | undefined, parameter: string): SupportedCrs {
  if (value === undefined || value.trim() === '') return CRS84;
  const crs = findCrs(value);
  if (!crs) {
    throw new CrsError(
      `Parameter '${parameter}' names an unsupported CRS; supported: ${supportedCrsUris().join(', ')}`,
      parameter,
    );
  }
  return crs;
}
