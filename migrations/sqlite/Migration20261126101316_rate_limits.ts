import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101316_rate_limits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rate_limit\` (\`limit_key\` text not null, \`window_start\` datetime not null, \`count\` integer not null, primary key (\`limit_key\`));`);
    this.addSql(`create index \`rate_limit_window_start_index\` on \`rate_limit\` (\`window_start\`);`);
  }

}
