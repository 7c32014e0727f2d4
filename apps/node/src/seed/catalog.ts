// What each demo company sells: product, category and a typical price range (EUR).
import type { SeedProfile } from './population.ts';

export interface Product {
  product: string;
  category: string;
  minPrice: number;
  maxPrice: number;
}

export const CATALOG: Record<SeedProfile, Product[]> = {
  bank: [
    { product: 'Girokonto Plus', category: 'accounts', minPrice: 0, maxPrice: 120 },
    { product: 'Tagesgeld', category: 'savings', minPrice: 0, maxPrice: 0 },
    { product: 'Baufinanzierung', category: 'mortgage', minPrice: 150_000, maxPrice: 600_000 },
    { product: 'Ratenkredit', category: 'loans', minPrice: 3_000, maxPrice: 40_000 },
    { product: 'Kreditkarte Gold', category: 'cards', minPrice: 49, maxPrice: 99 },
    { product: 'Autokredit', category: 'loans', minPrice: 8_000, maxPrice: 60_000 },
  ],
  insurer: [
    { product: 'Kfz-Versicherung', category: 'motor', minPrice: 300, maxPrice: 1_500 },
    { product: 'Hausratversicherung', category: 'home', minPrice: 80, maxPrice: 400 },
    { product: 'Wohngebäudeversicherung', category: 'home', minPrice: 250, maxPrice: 1_200 },
    { product: 'Risikolebensversicherung', category: 'life', minPrice: 120, maxPrice: 900 },
    { product: 'Privathaftpflicht', category: 'liability', minPrice: 50, maxPrice: 150 },
  ],
  dealer: [
    { product: 'Neuwagen Kompakt', category: 'new_car', minPrice: 24_000, maxPrice: 38_000 },
    { product: 'Neuwagen SUV', category: 'new_car', minPrice: 38_000, maxPrice: 72_000 },
    { product: 'Gebrauchtwagen', category: 'used_car', minPrice: 6_000, maxPrice: 28_000 },
    { product: 'Inspektion', category: 'service', minPrice: 180, maxPrice: 900 },
    { product: 'Winterreifen', category: 'parts', minPrice: 400, maxPrice: 1_400 },
    { product: 'Leasing 36M', category: 'leasing', minPrice: 9_000, maxPrice: 25_000 },
  ],
};
