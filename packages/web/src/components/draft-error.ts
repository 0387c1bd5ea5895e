/** A form's draft that cannot become an API body: names the field at fault (matching the input's id suffix) and says why. */
export class DraftError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'DraftError';
    this.field = field;
  }
}
