import type { Feature } from 'geojson';
import {
  bacDuyenHaiFacts,
  batXatFacts,
  factProperties,
  listedIn2023Facts,
  phoLuFacts,
  tangLoongFacts,
} from './clusters.facts';
import { type Facts, factByName, firstUrl, numberFigure, sourceOf } from './facts';
import { approx, pointFeature } from './points';

const NOT_THE_ARTICLE =
  'One of six clusters/zones chosen from those public sources name; not the six clusters whose detailed plans khuyến công funded in 2008–2012 (that list was not found).';

/** The December 2026 addendum (lao-cai-facts-2026-12.md): the province's zone totals disagree. */
const PLAN_2024 =
  'https://lite.baomoi.com/lao-cai-xay-dung-ke-hoach-phat-trien-khu-cum-cong-nghiep-den-nam-2030-c50220981.epi';
const ZONE_TOTALS =
  'Province totals disagree too: 3 zones of 1,285 ha in the 2024 plan (press summary of Plan 390/KH-UBND) against 1,084 ha in 2023 (Đông Phố Mới 100, Bắc Duyên Hải 66, Tằng Loỏng 914 ha).';

const SITE_METHOD =
  'placed at the named commune/township centre from general knowledge; no source gives the site';

/**
 * Builds industrial-clusters.geojson: six points in five districts, all approximate, each with
 * its structured site facts (clusters.facts.ts; null where no source gives one).
 */
export function buildClusters(facts: Facts): Feature[] {
  const tangLoong = factByName(facts.industrial_zones, 'KCN Tằng Loỏng');
  const bacDuyenHai = factByName(facts.industrial_zones, 'KCN Bắc Duyên Hải');
  const phoRang = factByName(facts.clusters, 'CCN Phố Ràng');
  const khanhYen = factByName(facts.clusters, 'CCN Khánh Yên Thượng');
  const batXat = factByName(facts.clusters, 'CCN Bát Xát');
  const phoLu = factByName(facts.clusters, 'CCN thị trấn Phố Lu');
  const plants2009 = tangLoong.figures.operating_2009;
  // "page says" is a research note, not something to show: say what the source prints.
  const industries2009 = Array.isArray(plants2009)
    ? plants2009.map((p) => String(p).replace('page says', 'the source prints'))
    : [];
  return [
    pointFeature(
      1,
      approx(
        104.09,
        22.39,
        5,
        `${SITE_METHOD}; the zone spans Xuân Giao, Gia Phú, Phú Nhuận and Tằng Loỏng township`,
      ),
      {
        name: 'KCN Tằng Loỏng',
        name_en: 'Tang Loong Industrial Zone',
        kind: 'industrial_zone',
        district_code: '086',
        ...factProperties(
          tangLoongFacts(
            tangLoong,
            industries2009,
            numberFigure(tangLoong, 'area_ha_2023'),
            numberFigure(tangLoong, 'area_industrial_ha_2009'),
          ),
        ),
        area_figures: [
          `${numberFigure(tangLoong, 'area_ha_2023')} ha (2023; quanly.moitruongvadothi.vn, press)`,
          `${numberFigure(tangLoong, 'area_industrial_ha_2009')} ha industrial area plus ${numberFigure(tangLoong, 'area_resettlement_urban_ha_2009').toLocaleString('en-US')} ha resettlement and urban area (2009; laocai.gov.vn, provincial government)`,
        ],
        source: `${sourceOf(tangLoong)}; ${PLAN_2024}`,
        source_url: firstUrl(tangLoong),
        confidence: 'official',
        notes: `Called "Cụm công nghiệp Tằng Loỏng" on the 2009 provincial page. Sources disagree on its area (see the area figures): the map's area is the latest figure (2023), none is averaged. ${ZONE_TOTALS} ${NOT_THE_ARTICLE}`,
      },
    ),
    pointFeature(
      2,
      approx(103.96, 22.507, 3, `${SITE_METHOD}; placed in Duyên Hải ward, which the name suggests`),
      {
        name: 'KCN Bắc Duyên Hải',
        name_en: 'Bac Duyen Hai Industrial Zone',
        kind: 'industrial_zone',
        district_code: '080',
        ...factProperties(bacDuyenHaiFacts(bacDuyenHai, numberFigure(bacDuyenHai, 'area_ha_2023'))),
        area_figures: [
          `${numberFigure(bacDuyenHai, 'area_ha_2023')} ha (2023; quanly.moitruongvadothi.vn, press)`,
        ],
        source: `${sourceOf(bacDuyenHai)}; ${PLAN_2024}`,
        source_url: firstUrl(bacDuyenHai),
        confidence: 'reported',
        notes: `Earlier called "Cụm công nghiệp Bắc Duyên Hải"; sources call it both a cluster and a zone. The ward is inferred from the name. ${ZONE_TOTALS} ${NOT_THE_ARTICLE}`,
      },
    ),
    pointFeature(3, approx(104.47, 22.233, 3, `${SITE_METHOD}; Phố Ràng township (the cluster's name)`), {
      name: 'CCN Phố Ràng',
      name_en: 'Pho Rang Industrial Cluster',
      kind: 'cluster',
      district_code: '087',
      ...factProperties(listedIn2023Facts(phoRang, 'Thị trấn Phố Ràng')),
      area_figures: [],
      source: sourceOf(phoRang),
      source_url: firstUrl(phoRang),
      confidence: 'reported',
      notes: `Listed as an existing cluster in May 2023; the investment project for "CCN Phố Ràng 1" was approved in 2024. No area found. ${NOT_THE_ARTICLE}`,
    }),
    pointFeature(
      4,
      approx(104.235, 22.105, 5, `${SITE_METHOD}; Khánh Yên Thượng commune (the cluster's name)`),
      {
        name: 'CCN Khánh Yên Thượng',
        name_en: 'Khanh Yen Thuong Industrial Cluster',
        kind: 'cluster',
        district_code: '089',
        ...factProperties(listedIn2023Facts(khanhYen, 'Xã Khánh Yên Thượng')),
        area_figures: [],
        source: sourceOf(khanhYen),
        source_url: firstUrl(khanhYen),
        confidence: 'reported',
        notes: `Listed as an existing cluster in May 2023. No area or founding year found. ${NOT_THE_ARTICLE}`,
      },
    ),
    pointFeature(
      5,
      approx(103.89, 22.53, 6, `${SITE_METHOD}; no commune given, placed near Bát Xát township`),
      {
        name: 'CCN Bát Xát',
        name_en: 'Bat Xat Industrial Cluster',
        kind: 'cluster',
        district_code: '082',
        ...factProperties(batXatFacts(batXat)),
        area_figures: [],
        source: sourceOf(batXat),
        source_url: firstUrl(batXat),
        confidence: 'reported',
        notes: `Seeking an investor, to be carried out 2022–2024. The source gives only a COMBINED figure for this cluster and CCN Thống Nhất (about 126 ha, about 1,000 bn VND), so area_ha is null. ${NOT_THE_ARTICLE}`,
      },
    ),
    pointFeature(6, approx(104.185, 22.315, 3, `${SITE_METHOD}; Phố Lu township`), {
      name: 'CCN thị trấn Phố Lu',
      name_en: 'Pho Lu Township Industrial Cluster',
      kind: 'cluster',
      district_code: '086',
      ...factProperties(phoLuFacts(phoLu)),
      area_figures: [],
      source: sourceOf(phoLu),
      source_url: firstUrl(phoLu),
      confidence: 'reported',
      notes: `Investment project (infrastructure investor selection) approved in 2024, well after 2012. ${NOT_THE_ARTICLE}`,
    }),
  ];
}
