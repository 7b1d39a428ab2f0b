/**
 * Who a recorded act is by, as the record keeps it: the signed-in user's id and the name shown beside the act
 * ("Ticked by Dr Ada Lee"). Handlers take it from the session, never from the input, so no one can type another
 * person's name. `userId` is null only for acts of the app itself (the demo board's fictional history).
 */
export interface Attribution {
  userId: number | null;
  name: string;
}
