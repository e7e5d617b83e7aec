import { handlers } from "@/auth";
import { limitSignIn } from "@/lib/rate-limit/sign-in";

export const GET = limitSignIn(handlers.GET);
export const POST = limitSignIn(handlers.POST);
