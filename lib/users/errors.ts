/** A refusal the admin should read: the change was not made. */
export class UserActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserActionError";
  }
}
