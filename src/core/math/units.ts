/**
 * Branded units. A plain number becomes a unit only through these constructors, so a conversion is
 * the only cast in the codebase (the habit of excalidraw's `packages/math`).
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Angle in degrees. */
export type Degrees = Brand<number, 'Degrees'>;
/** Angle in radians. */
export type Radians = Brand<number, 'Radians'>;
/** Time or duration in milliseconds. */
export type Ms = Brand<number, 'Ms'>;
/** Dimensionless ratio (usually 0–1, documented per use). */
export type Ratio = Brand<number, 'Ratio'>;
/** Length in source-image pixels. */
export type Px = Brand<number, 'Px'>;

export const degrees = (n: number): Degrees => n as Degrees;
export const radians = (n: number): Radians => n as Radians;
export const ms = (n: number): Ms => n as Ms;
export const ratio = (n: number): Ratio => n as Ratio;
export const px = (n: number): Px => n as Px;

export const radiansToDegrees = (r: Radians): Degrees => degrees((r * 180) / Math.PI);
export const degreesToRadians = (d: Degrees): Radians => radians((d * Math.PI) / 180);
