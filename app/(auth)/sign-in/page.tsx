import { SignInForm } from "./SignInForm";

/** `next`: where to go after signing in; only a path on this site is followed. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target =
    typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
      ? next
      : "/flows";
  return <SignInForm next={target} />;
}
