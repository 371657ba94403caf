import type { Feature } from 'geojson';
import { type Facts, factByName, firstUrl, sourceOf } from './facts';
import { ARTICLE_SOURCE } from './indicators';
import { approx, COMMUNE_CENTRE_METHOD, pointFeature } from './points';

const TANG_LOONG_METHOD =
  'placed inside the Tằng Loỏng zone (approximate zone centre from general knowledge); no source gives the plant site';

/** Builds facilities.geojson: named production facilities from the facts and the article. */
export function buildFacilities(facts: Facts): Feature[] {
  const forest = factByName(facts.facilities, 'Công ty CP Đầu tư phát triển rừng');
  const smelter = factByName(facts.facilities, 'Lào Cai copper smelter');
  const plants = factByName(facts.facilities, 'Tằng Loỏng operating plants');
  const sinQuyen = factByName(facts.facilities, 'Sin Quyền copper complex');
  const banPho = factByName(facts.facilities, 'HTX rượu ngô Bản Phố');
  const none = {
    owner: null,
    khuyen_cong_supported: false,
    support_type: null,
    support_year: null,
    support_amount_million_vnd: null,
  };
  return [
    pointFeature(
      1,
      approx(
        104.118,
        22.768,
        15,
        'nothing but the district is known; placed at Mường Khương township as a district-level location',
      ),
      {
        name: 'Dây chuyền sản xuất tương ớt Mường Khương',
        name_en: 'Muong Khuong chili-sauce production line',
        sector: 'food_processing',
        district_code: '083',
        commune: null,
        owner: null,
        khuyen_cong_supported: true,
        support_type: null,
        support_year: null,
        support_amount_million_vnd: null,
        source: `${ARTICLE_SOURCE} (photo caption)`,
        source_url: null,
        confidence: 'reported',
        notes:
          'Named only by a photo caption in the article about khuyến công results, which implies programme support. Owner, year, amount and site are unknown; no other source describes this line.',
      },
    ),
    pointFeature(2, approx(104.12, 22.37, 4, COMMUNE_CENTRE_METHOD), {
      name: 'Công ty CP Đầu tư phát triển rừng Lào Cai',
      name_en: 'Lao Cai Forest Development Investment JSC',
      sector: 'wood_processing',
      district_code: '086',
      commune: 'Xã Xuân Giao',
      owner: 'Công ty CP Đầu tư phát triển rừng Lào Cai',
      khuyen_cong_supported: true,
      support_type: 'demonstration_model',
      support_year: 2012,
      support_amount_million_vnd: 250,
      source: sourceOf(forest),
      source_url: firstUrl(forest),
      confidence: 'reported',
      notes:
        'Finger-jointed wood panels. 2012 support: a demonstration model plus 250 million VND for extra machinery (the amount is the machinery part; the model cost is not given). Revenue 1.5 bn VND (2011).',
    }),
    pointFeature(3, approx(104.085, 22.395, 5, TANG_LOONG_METHOD), {
      name: 'Nhà máy luyện đồng Lào Cai',
      name_en: 'Lao Cai copper smelter',
      sector: 'metallurgy',
      district_code: '086',
      commune: 'Khu công nghiệp Tằng Loỏng',
      ...none,
      source: sourceOf(smelter),
      source_url: firstUrl(smelter),
      confidence: 'official',
      notes:
        'Under construction in 2009 with a sulphuric acid plant; the Prime Minister visited on 25/8/2008. A large state-sector plant, not a khuyến công facility.',
    }),
    pointFeature(4, approx(104.095, 22.385, 5, TANG_LOONG_METHOD), {
      name: 'Các nhà máy đang hoạt động ở Tằng Loỏng (danh sách 2009)',
      name_en: 'Tang Loong operating plants (2009 list)',
      sector: 'chemicals',
      district_code: '086',
      commune: 'Khu công nghiệp Tằng Loỏng',
      ...none,
      source: sourceOf(plants),
      source_url: firstUrl(plants),
      confidence: 'official',
      notes:
        'One record for the 2009 list: apatite ore dressing (~400,000 t/yr?), NPK 30,000 t/yr, yellow phosphorus 2,000 and 6,000 t/yr, grinding balls/liners 2,000 t/yr. Large industry, not khuyến công.',
    }),
    pointFeature(
      5,
      approx(
        103.8,
        22.62,
        6,
        'placed in Cốc Mỳ commune (general knowledge: site of the Sin Quyền mine; not in the source)',
      ),
      {
        name: 'Tổ hợp đồng Sin Quyền',
        name_en: 'Sin Quyen copper complex',
        sector: 'mining',
        district_code: '082',
        commune: 'Xã Cốc Mỳ',
        ...none,
        source: sourceOf(sinQuyen),
        source_url: firstUrl(sinQuyen),
        confidence: 'reported',
        notes:
          'Joint-venture project started late 2003; Sinh Quyền copper deposit reserves 53 Mt. The commune is from general knowledge.',
      },
    ),
    pointFeature(6, approx(104.265, 22.54, 4, COMMUNE_CENTRE_METHOD), {
      name: 'HTX rượu ngô Bản Phố',
      name_en: 'Ban Pho corn-wine co-operative',
      sector: 'beverages',
      district_code: '085',
      commune: 'Xã Bản Phố',
      ...none,
      source: sourceOf(banPho),
      source_url: firstUrl(banPho),
      confidence: 'reported',
      notes: '11 members; OCOP 4-star. Formed after 2012 (new-rural programme era).',
    }),
  ];
}
