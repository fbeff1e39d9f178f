import { type Static, Type } from 'typebox';

export const Email = Type.String({ format: 'email', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });
export const Password = Type.String({ minLength: 8, maxLength: 200 });

export const SignUpBody = Type.Object(
  { email: Email, password: Password, displayName: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);
export const SignInBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export const UserView = Type.Object({
  id: Type.String(),
  accountNo: Type.String(),
  email: Type.String(),
  role: Type.String(),
  displayName: Type.String(),
});
export const CreateUserBody = Type.Object(
  {
    email: Email,
    password: Password,
    role: Type.Union([
      Type.Literal('customer'),
      Type.Literal('reviewer'),
      Type.Literal('photo_agent'),
      Type.Literal('admin'),
    ]),
    displayName: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export const SetRoleBody = Type.Object(
  {
    role: Type.Union([
      Type.Literal('customer'),
      Type.Literal('reviewer'),
      Type.Literal('photo_agent'),
      Type.Literal('admin'),
    ]),
  },
  { additionalProperties: false },
);
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    role: Type.Union([
      Type.Literal('edge'),
      Type.Literal('photo_agent'),
      Type.Literal('billing'),
      Type.Literal('admin'),
      Type.Literal('reviewer'),
    ]),
  },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type SignUpBodyT = Static<typeof SignUpBody>;
