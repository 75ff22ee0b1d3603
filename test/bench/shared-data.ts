import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The read-only `shared/` folder beside the checkout (benchmarks and datasets): tests and benchmarks may
 * read it, the product never does. EARSHOT_SHARED_DIR overrides it.
 */
export const SHARED_DIR = process.env.EARSHOT_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url));

/** The airline customer-tweets dataset (14,640 rows, Feb 2015). */
export const AIRLINE_CSV = join(SHARED_DIR, 'datasets', 'airline-tweets', 'Tweets.csv');
