/** The two users the PACS specs sign in as: an administrator sets up the node, a presenter uses it from a case. */
export const ADMIN = {
  username: 'e2e-admin',
  displayName: 'Ada Admin',
  role: 'administrator',
  password: 'e2e-password-1',
};
export const PRESENTER = {
  username: 'e2e-presenter',
  displayName: 'Pat Presenter',
  role: 'presenter',
  password: 'e2e-password-2',
};
