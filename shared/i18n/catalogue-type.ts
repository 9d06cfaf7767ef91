/**
 * The shape a translation must have: the same nested keys as the English catalogue, every
 * leaf a string (plurals as `_one`/`_other` pairs in both languages).
 */
export type Catalogue<T> = {
  [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]>;
};
