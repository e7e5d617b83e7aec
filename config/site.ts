/** The product's name, shown in the header, page titles and sign-in emails. Change it here. */
export const SITE_NAME = "Starter";
