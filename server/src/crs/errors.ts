/**
 * A CRS parameter names a CRS this server does not offer, or coordinates that cannot be
 * transformed (outside the CRS's range). `message` is safe to show; params/problem.ts turns it
 * into 400 InvalidParameterValue naming `parameter`.
 */
export class CrsError extends Error {
  override name = 'CrsError';
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}
