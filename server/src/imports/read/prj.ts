import type { Position } from 'geojson';
import proj4 from 'proj4';
import { ImportFileError } from '../source';

/**
 * Reprojection of a Shapefile's `.prj` (WKT) to CRS84 with proj4, which reads WKT itself. To be
 * folded into the CRS registry of issue 12 (server/src/crs/) once that lands, so one module owns
 * every CRS definition.
 *
 * VN-2000: .prj files (ESRI WKT written by ArcGIS, QGIS, GDAL) name the datum "D_Vietnam_2000"
 * / "VN-2000" on the WGS 84 ellipsoid but rarely carry its shift to WGS 84, which would leave
 * every point ≈ 300–400 m off. When the datum is VN-2000 and no TOWGS84 is given, the national
 * 7-parameter set of Decision 05/2007/QĐ-BTNMT is added (Position Vector convention, as WKT1
 * TOWGS84 and proj4 use: the rotations' signs are those of `projinfo EPSG:4756 -o PROJ`).
 */

const VN2000_TOWGS84 =
  'TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278]';
const VN2000_DATUM = /DATUM\[\s*"(?:D_)?(?:VN[-_ ]?2000|Vietnam[-_ ]2000|Viet[-_ ]Nam[-_ ]2000)"/i;

/** The WKT with the VN-2000 shift added where its datum is VN-2000 without one. */
export function withVn2000Shift(wkt: string): string {
  if (!VN2000_DATUM.test(wkt) || /TOWGS84\s*\[/i.test(wkt)) return wkt;
  // DATUM["…",SPHEROID["…",a,rf(,AUTHORITY[…])?]  → insert after the SPHEROID element.
  return wkt.replace(
    /(DATUM\[\s*"[^"]*"\s*,\s*SPHEROID\[(?:[^[\]]|\[[^[\]]*\])*\])/i,
    `$1,${VN2000_TOWGS84}`,
  );
}

/** Whether the WKT is already geographic WGS 84 (no reprojection needed). */
function isWgs84(wkt: string): boolean {
  return /^\s*GEOGCS\[\s*"(?:GCS_)?WGS[ _]?(?:19)?84"/i.test(wkt);
}

export interface Reprojection {
  /** A position of the layer → [lon, lat] CRS84. */
  toCrs84(p: Position): Position;
  /** The CRS's name as the .prj gives it, for the preview's notes. */
  name: string;
  identity: boolean;
}

/** The reprojection of a .prj; an unreadable one is a 400 naming it. */
export function reprojectionFor(prjText: string, layer: string): Reprojection {
  const wkt = prjText.trim();
  const name = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? 'unnamed CRS';
  if (isWgs84(wkt)) return { toCrs84: (p) => [p[0] as number, p[1] as number], name, identity: true };
  let converter: proj4.Converter;
  try {
    converter = proj4(withVn2000Shift(wkt), 'EPSG:4326');
  } catch (err) {
    throw new ImportFileError(400, 'UnsupportedCrs', `layer ${layer}: unreadable .prj`, {
      crs: `${name} (${String((err as Error).message ?? err).slice(0, 120)})`,
      layer,
    });
  }
  return {
    toCrs84: (p) => {
      const [x, y] = converter.forward([p[0] as number, p[1] as number]);
      return [x as number, y as number];
    },
    name,
    identity: false,
  };
}
